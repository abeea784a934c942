import { useTranslation } from 'react-i18next';
import { formatNumber, useLocale } from '../../util.ts';
import type { PeerStatus } from './types.ts';
import { useWhen } from './when.ts';

/** A refusal code explained when we know it; the code itself is always shown (it is what the logs and docs say). */
export function useCodeLabel() {
  const { t, i18n } = useTranslation();
  return (code: string) => (i18n.exists(`federation.codes.${code}`) ? t(`federation.codes.${code}` as 'federation.codes.BAD_SIGNATURE') : null);
}

/** What this node refused from the peer: counts per reason, and the latest few with time and detail. */
export function Refusals({ r }: { r: PeerStatus['rejections'] }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const when = useWhen(t('federation.never'));
  const explain = useCodeLabel();
  const n = (v: number) => formatNumber(v, loc.lang);
  const codes = Object.entries(r.byCode).sort(([, a], [, b]) => b - a);
  if (codes.length === 0) return <p className="muted" data-testid="refusals-none">{t('federation.refusalsNone')}</p>;
  return (
    <>
      <ul className="refusal-codes" data-testid="refusal-codes">
        {codes.map(([code, count]) => (
          <li key={code} data-code={code} data-count={count}>
            <code dir="ltr">{code}</code> <span className="refusal-count">× {n(count)}</span>
            {explain(code) && <span className="refusal-explain">{explain(code)}</span>}
          </li>
        ))}
      </ul>
      <details className="refusal-recent">
        <summary>{t('federation.recent', { n: n(r.recent.length) })}</summary>
        <div className="table-scroll">
          <table className="data-table" data-testid="refusals-recent">
            <thead>
              <tr>
                <th scope="col">{t('federation.at')}</th>
                <th scope="col">{t('federation.reason')}</th>
                <th scope="col">{t('federation.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {r.recent.map((x) => (
                <tr key={x.id}>
                  <td>{when(x.at)}</td>
                  <td>
                    <code dir="ltr">{x.code}</code>
                  </td>
                  <td dir="ltr" className="mono cell-start">
                    {[x.recordId ? `${x.recordId}${x.version !== null ? ` v${x.version}` : ''}` : null, x.detail].filter(Boolean).join(' — ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
