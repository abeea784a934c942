import { useTranslation } from 'react-i18next';
import { formatNumber, useLocale } from '../../util.ts';
import type { PeerStatus } from './types.ts';

/** A record type's label: translated when known, else its code (a peer may send types we do not list). */
export function useTypeLabel() {
  const { t, i18n } = useTranslation();
  return (type: string) => (i18n.exists(`federation.types.${type}`) ? t(`federation.types.${type}` as 'federation.types.alert') : type);
}

/**
 * Records sent to the peer (acknowledged by its signed receipts) and received from it (held
 * here), per record type, as two inline-SVG bars on one scale. The SVG has no text, so it is
 * simply mirrored in right-to-left languages (CSS); labels and figures are HTML.
 */
export function TypeBars({ peer }: { peer: PeerStatus }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const label = useTypeLabel();
  const n = (v: number) => formatNumber(v, loc.lang);
  const rows = new Map<string, { sent: number; unacked: number; received: number }>();
  for (const s of peer.outgoing.byType) rows.set(s.type, { sent: s.delivered, unacked: s.unacked, received: 0 });
  for (const r of peer.incoming.byType) rows.set(r.type, { ...(rows.get(r.type) ?? { sent: 0, unacked: 0 }), received: r.held });
  const list = [...rows.entries()].sort(([a], [b]) => a.localeCompare(b));
  if (list.length === 0) return <p className="muted">{t('federation.noRecords')}</p>;
  const max = Math.max(1, ...list.map(([, v]) => Math.max(v.sent, v.received)));
  return (
    <figure className="type-bars">
      <ul data-testid="type-bars">
        {list.map(([type, v]) => (
          <li key={type} data-testid="type-bar" data-type={type} data-sent={v.sent} data-received={v.received}>
            <span className="type-label">{label(type)}</span>
            <svg viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label={t('federation.typeFigures', { type: label(type), sent: n(v.sent), received: n(v.received) })}>
              <rect className="bar-sent" x="0" y="0.5" height="5" width={barWidth(v.sent, max)} />
              <rect className="bar-received" x="0" y="6.5" height="5" width={barWidth(v.received, max)} />
            </svg>
            <span className="type-values">
              <bdi className="v-sent">{n(v.sent)}</bdi>
              {v.unacked > 0 && <span className="v-unacked"> (+{n(v.unacked)})</span>} / <bdi className="v-received">{n(v.received)}</bdi>
            </span>
          </li>
        ))}
      </ul>
      <figcaption>
        <span className="legend-sent" aria-hidden="true">■</span> {t('federation.sent')} <span className="legend-received" aria-hidden="true">■</span> {t('federation.received')}
      </figcaption>
    </figure>
  );
}

/** A key fingerprint ("SHA256:…", as the CLI prints it); on a phone it wraps anywhere rather than overflow. */
export function Fingerprint({ value, testId, title }: { value: string; testId?: string; title?: string }) {
  return (
    <code className="fingerprint" dir="ltr" data-testid={testId} title={title}>
      {value}
    </code>
  );
}

/** Share of the widest bar, in the SVG's 0–100 units; any count above zero stays visible (at least 1). */
function barWidth(count: number, max: number): number {
  return count > 0 ? Math.max(1, (100 * count) / max) : 0;
}
