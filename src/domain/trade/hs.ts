import hs2022 from './hs2022-headings.json' with { type: 'json' };

/** HS 2022 at heading level, from datasets/hs2022 (source and licence in its README). */
interface HsData {
  /** How many headings the source lists; the expanded runs must add up to it (tested). */
  headingCount: number;
  /** chapter → [title, runs of consecutive headings "01-06,08-13"], exact per the source. */
  chapters: Record<string, [string, string]>;
}

const data = hs2022 as unknown as HsData;

/** "01-03,05" → ["01","02","03","05"]; refuses a malformed or descending run (the file is data). */
export function expandHeadingRuns(runs: string): string[] {
  return runs.split(',').flatMap((part) => {
    const m = /^(\d{2})(?:-(\d{2}))?$/.exec(part);
    if (!m) throw new Error(`HS heading run "${part}" is malformed`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from < 1 || to < from) throw new Error(`HS heading run "${part}" is empty or descending`);
    return Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));
  });
}

const HEADINGS = new Set<string>();
const CHAPTER_TITLES = new Map<string, string>();
for (const [chapter, [title, ranges]] of Object.entries(data.chapters)) {
  CHAPTER_TITLES.set(chapter, title);
  for (const h of expandHeadingRuns(ranges)) HEADINGS.add(chapter + h);
}

export const HS_EDITION = 'HS 2022';
export const hsHeadingCount = () => HEADINGS.size;
export const hsDeclaredHeadingCount = () => data.headingCount;

/** An HS code as declared: 4 to 10 digits, dots and spaces allowed (8471.30 → 847130). */
export function normalizeHsCode(code: string): string {
  return code.replace(/[.\s]/g, '');
}

/** Why an HS code is not acceptable, or null when its heading exists in HS 2022. */
export function hsCodeProblem(code: string): string | null {
  const c = normalizeHsCode(code);
  if (!/^\d{4}(\d{2}){0,3}$/.test(c)) return `HS code "${code}" must have 4, 6, 8 or 10 digits`;
  const chapter = c.slice(0, 2);
  if (!CHAPTER_TITLES.has(chapter)) return `HS code "${code}": chapter ${chapter} does not exist in ${HS_EDITION}`;
  if (!HEADINGS.has(c.slice(0, 4))) return `HS code "${code}": heading ${c.slice(0, 4)} does not exist in ${HS_EDITION}`;
  return null;
}

export const isHsCode = (code: string) => hsCodeProblem(code) === null;
export const hsChapter = (code: string) => normalizeHsCode(code).slice(0, 2);
export const hsHeading = (code: string) => normalizeHsCode(code).slice(0, 4);
export const chapterTitle = (chapter: string) => CHAPTER_TITLES.get(chapter) ?? null;
