import { formatNumber, useLocale } from '../util.ts';

interface PagerProps {
  offset: number;
  pageSize: number;
  total: number;
  onOffset: (offset: number) => void;
  /** The page's own words, already translated: "Newer", "Older" and "{{from}}–{{to}} of {{total}}" filled by `range`. */
  labels: { newer: string; older: string; range: (figures: { from: string; to: string; total: string }) => string };
  /** Prefix of the buttons' test ids: `<prefix>-newer`, `<prefix>-older`. */
  testId: string;
}

/** Newer / older buttons and "11–20 of 57" in the reader's digits; nothing when one page holds all. */
export function Pager({ offset, pageSize, total, onOffset, labels, testId }: PagerProps) {
  const loc = useLocale();
  if (total <= pageSize) return null;
  const n = (x: number) => formatNumber(x, loc.lang);
  return (
    <div className="form-actions">
      <button type="button" className="btn" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))} data-testid={`${testId}-newer`}>
        {labels.newer}
      </button>
      <span className="muted">{labels.range({ from: n(offset + 1), to: n(Math.min(offset + pageSize, total)), total: n(total) })}</span>
      <button type="button" className="btn" disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)} data-testid={`${testId}-older`}>
        {labels.older}
      </button>
    </div>
  );
}
