import { useTranslation } from 'react-i18next';
import { formatNumber, useLocale } from '../../util.ts';
import { Refusals } from './Refusals.tsx';
import { Fingerprint, TypeBars, useTypeLabel } from './TypeBars.tsx';
import type { FederationStatus, HealthState, PeerStatus } from './types.ts';
import { listSeparator, useWhen } from './when.ts';

export function HealthBadge({ state }: { state: HealthState }) {
  const { t } = useTranslation();
  return (
    <span className={`health-badge health-${state}`} data-testid="health-badge" data-health={state}>
      <span aria-hidden="true">{state === 'ok' ? '●' : state === 'degraded' ? '▲' : '■'}</span> {t(`federation.health.${state}`)}
    </span>
  );
}

/** One peer: health and why, contact both ways, backlog, records per type, refusals, keys. */
export function PeerCard({ p, rule }: { p: PeerStatus; rule: FederationStatus['rule'] }) {
  const { t, i18n } = useTranslation();
  const loc = useLocale();
  const n = (v: number) => formatNumber(v, loc.lang);
  const when = useWhen(t('federation.never'));
  const typeLabel = useTypeLabel();
  const headingId = `peer-${p.peer.id}`;
  const country = i18n.exists(`country.${p.peer.stateCode}`) ? t(`country.${p.peer.stateCode}` as 'country.TJ') : p.peer.stateCode;
  const eff = p.agreements.effective;
  return (
    <article className="card peer-card" data-testid="peer-card" data-peer={p.peer.name} data-health={p.health.state} aria-labelledby={headingId}>
      <header className="peer-head">
        <h2 id={headingId}>
          <bdi>{p.peer.name}</bdi> <span className="peer-country">{country}</span>
        </h2>
        <HealthBadge state={p.health.state} />
      </header>
      {p.health.reasons.length > 0 && (
        <ul className="peer-reasons" data-testid="health-reasons">
          {p.health.reasons.map((r) => (
            <li key={r} data-reason={r}>
              {t(`federation.reasons.${r}`, { minutes: n(r === 'RECENT_REFUSALS' ? rule.recentMinutes : rule.downAfterMinutes) })}
            </li>
          ))}
        </ul>
      )}
      <dl className="peer-figures">
        <div>
          <dt>{t('federation.lastContact')}</dt>
          <dd data-testid="last-contact">{when(p.lastContactAt)}</dd>
        </div>
        <div>
          <dt>{t('federation.lastFailure')}</dt>
          <dd data-testid="last-failure">
            {p.lastFailure ? (
              <>
                {when(p.lastFailure.at)}
                <span className="failure-reason" dir="ltr">
                  {p.lastFailure.reason}
                </span>
                {p.lastFailure.consecutive > 0 && <span className="muted">{t('federation.failuresInRow', { n: n(p.lastFailure.consecutive) })}</span>}
              </>
            ) : (
              t('federation.never')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('federation.backlogOut')}</dt>
          <dd data-testid="backlog-out">{n(p.outgoing.backlog)}</dd>
        </div>
        <div>
          <dt>{t('federation.backlogIn')}</dt>
          <dd data-testid="backlog-in">{p.incoming.backlog === null ? t('federation.unknown') : n(p.incoming.backlog)}</dd>
        </div>
        <div>
          <dt>{t('federation.unacked')}</dt>
          <dd data-testid="unacked">
            {n(p.outgoing.unacked)}
            {p.outgoing.oldestUnackedSentAt && <span className="muted">{t('federation.oldestUnacked', { at: when(p.outgoing.oldestUnackedSentAt) })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('federation.agreement')}</dt>
          <dd data-testid="agreement">
            {!eff ? t('federation.agreementNone') : !eff.active ? t('federation.agreementSuspended') : t('federation.agreementTerms', { types: eff.types.map(typeLabel).join(listSeparator(loc.dir)), tlp: eff.maxTlp })}
          </dd>
        </div>
      </dl>
      <h3>{t('federation.byType')}</h3>
      <TypeBars peer={p} />
      <h3>
        {t('federation.refusals')} {p.rejections.total > 0 && <span className="refusal-total">({n(p.rejections.total)})</span>}
      </h3>
      <Refusals r={p.rejections} />
      <h3>{t('federation.keys')}</h3>
      <dl className="peer-keys" data-testid="peer-keys">
        <div>
          <dt>{t('federation.peerKey')}</dt>
          <dd>
            <Fingerprint value={p.keys.fingerprint} testId="peer-fingerprint" title={p.keys.publicKey} />
          </dd>
        </div>
        {p.keys.previous.map((k) => (
          <div key={k.fingerprint}>
            <dt>{t('federation.previousKey', { at: when(k.validUntil) })}</dt>
            <dd>
              <Fingerprint value={k.fingerprint} />
            </dd>
          </div>
        ))}
        {p.keys.handover && (
          <div>
            <dt>{t('federation.handover')}</dt>
            <dd data-testid="handover" data-delivered={p.keys.handover.delivered}>
              {p.keys.handover.delivered ? t('federation.handoverDelivered', { at: when(p.keys.handover.at) }) : t('federation.handoverFailed', { at: when(p.keys.handover.at) })}
              {!p.keys.handover.delivered && p.keys.handover.lastError && (
                <span className="failure-reason" dir="ltr">
                  {p.keys.handover.lastError}
                </span>
              )}
            </dd>
          </div>
        )}
      </dl>
      <p className="peer-node muted">
        {t('federation.nodeId')}: <code dir="ltr">{p.peer.nodeId}</code> · <bdi dir="ltr">{p.peer.url}</bdi>
      </p>
    </article>
  );
}
