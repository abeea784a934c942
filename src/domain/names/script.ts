/** Script detection for person names. Pure. */
export type Script = 'latin' | 'cyrillic' | 'arabic' | 'mixed' | 'unknown';

export function charScript(ch: string): Exclude<Script, 'mixed'> {
  const c = ch.codePointAt(0) ?? 0;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) return 'latin';
  if ((c >= 0x400 && c <= 0x52f) || (c >= 0x1c80 && c <= 0x1c8f) || (c >= 0x2de0 && c <= 0x2dff) || (c >= 0xa640 && c <= 0xa69f)) return 'cyrillic';
  if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0x8a0 && c <= 0x8ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) {
    // Arabic-Indic digits, punctuation and tatweel carry no script signal
    if ((c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9) || c === 0x640 || c === 0x60c || c === 0x61b || c === 0x61f) return 'unknown';
    return 'arabic';
  }
  return 'unknown';
}

/** Detect the script of a name: the single script of its letters, 'mixed' when several, 'unknown' when none. */
export function detectScript(text: string): Script {
  let found: Script | undefined;
  for (const ch of text) {
    const s = charScript(ch);
    if (s === 'unknown') continue;
    if (found === undefined) found = s;
    else if (found !== s) return 'mixed';
  }
  return found ?? 'unknown';
}

/** Count letters per script (useful for mixed strings). */
export function scriptProfile(text: string): Record<'latin' | 'cyrillic' | 'arabic', number> {
  const r = { latin: 0, cyrillic: 0, arabic: 0 };
  for (const ch of text) {
    const s = charScript(ch);
    if (s !== 'unknown') r[s]++;
  }
  return r;
}
