import { useTranslation } from 'react-i18next';
import type { HitAction, Tlp } from '../types.ts';
import { formatPercent, useLocale } from '../util.ts';

export type TlpKey = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER_STRICT' | 'RED';
/** i18n key of a TLP label ('+' is not a good key character). */
export function tlpKey(tlp: Tlp): TlpKey {
  return tlp === 'AMBER+STRICT' ? 'AMBER_STRICT' : tlp;
}

/** What the officer must do on a hit, as a coloured badge (arrest red … inform blue). */
export function ActionBadge({ action, large = false }: { action: HitAction; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`action-badge action-${action}${large ? ' action-large' : ''}`} data-testid="action-badge" data-action={action}>
      {t(`hitAction.${action}`)}
    </span>
  );
}

/** A Traffic Light Protocol label in the TLP 2.0 colours (black background). */
export function TlpBadge({ tlp }: { tlp: Tlp }) {
  const { t } = useTranslation();
  const key = tlpKey(tlp);
  return (
    <span className={`tlp-badge tlp-${key}`} data-testid="tlp-badge" data-tlp={tlp} title={t(`tlpHelp.${key}`)} dir="ltr">
      {t(`tlp.${key}`)}
    </span>
  );
}

/** A horizontal bar for a share 0..1, drawn from the reading start, with the percentage. */
export function ShareBar({ value, label, size = 'large', testId }: { value: number; label: string; size?: 'large' | 'small'; testId?: string }) {
  const { lang } = useLocale();
  const share = Math.max(0, Math.min(1, value));
  const level = share >= 0.9 ? 'high' : share >= 0.75 ? 'medium' : 'low';
  return (
    <span className={`share-bar share-${size}`} data-testid={testId}>
      <span
        className={`share-track share-${level}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
      >
        <span className="share-fill" style={{ inlineSize: `${share * 100}%` }} />
      </span>
      <span className="share-value">{formatPercent(share, lang)}</span>
    </span>
  );
}
