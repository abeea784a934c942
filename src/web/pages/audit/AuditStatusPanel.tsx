import { useTranslation } from 'react-i18next';
import { formatNumber, useLocale } from '../../util.ts';
import type { AuditStatus } from './types.ts';

/** "Chain intact up to entry N, last checkpoint at …", or what is wrong with it. */
export function AuditStatusPanel({ status }: { status: AuditStatus }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const n = (v: number) => formatNumber(v, loc.lang);
  const cp = status.lastCheckpoint;
  const chainOk = status.firstBadSeq === null;
  return (
    <section className={`alert ${status.intact ? 'alert-ok' : 'alert-error'} audit-status`} aria-labelledby="audit-status-heading" data-testid="audit-status" data-intact={status.intact}>
      <h2 id="audit-status-heading" className="visually-hidden">
        {t('audit.integrity')}
      </h2>
      <p data-testid="audit-chain">
        {chainOk ? t('audit.intact', { seq: n(status.verified) }) : t('audit.broken', { seq: n(status.firstBadSeq!), verified: n(status.verified) })}
      </p>
      <p data-testid="audit-checkpoint">
        {!cp
          ? t('audit.noCheckpoint')
          : cp.extended
            ? t('audit.checkpoint', { seq: n(cp.seq), at: `${loc.date(cp.at)} ${cp.at.slice(11, 19)} UTC` })
            : t('audit.checkpointBroken', { seq: n(cp.seq), reason: cp.reason ?? '' })}
      </p>
      {status.pendingReads > 0 && <p className="small">{t('audit.pendingReads', { n: n(status.pendingReads) })}</p>}
    </section>
  );
}
