import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatNumber, useLocale } from '../../util.ts';
import { PeerCard } from './PeerCard.tsx';
import { Fingerprint } from './TypeBars.tsx';
import type { FederationStatus } from './types.ts';
import { usePolling } from './usePolling.ts';
import { useWhen } from './when.ts';
import './federation.css';

const POLL_MS = 5000;
const load = () => api.get<FederationStatus>('/api/federation/status');

/** #/federation (administrators): how each peer node stands, refreshed every 5 s (docs/federation.md, "Peer status"). */
export function FederationPage() {
  const { t } = useTranslation();
  const { data, error } = usePolling(load, POLL_MS);
  const when = useWhen(t('federation.never'));
  return (
    <main className="admin-page federation-page" data-testid="federation-page">
      <h1>{t('federation.title')}</h1>
      <p className="muted">{t('federation.intro')}</p>
      <ErrorMessage error={error} testId="federation-error" />
      {!data && !error && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          <ThisNode status={data} />
          {data.items.length === 0 ? (
            <p data-testid="federation-no-peers">{t('federation.noPeers')}</p>
          ) : (
            <div className="peer-cards">
              {data.items.map((p) => (
                <PeerCard key={p.peer.id} p={p} rule={data.rule} />
              ))}
            </div>
          )}
          <UnknownCallers u={data.unknownCallers} />
          <p className="muted federation-updated" data-testid="federation-updated" data-at={data.generatedAt}>
            {t('federation.updated', { at: when(data.generatedAt) })}
          </p>
        </>
      )}
    </main>
  );
}

function ThisNode({ status }: { status: FederationStatus }) {
  const { t } = useTranslation();
  const when = useWhen(t('federation.never'));
  const key = status.node.key;
  return (
    <section className="card federation-node" data-testid="federation-node" aria-labelledby="federation-node-title">
      <h2 id="federation-node-title">
        {t('federation.thisNode')}: <bdi>{status.node.name}</bdi>
      </h2>
      <dl className="peer-keys">
        <div>
          <dt>{t('federation.nodeKey')}</dt>
          <dd>
            {key ? <Fingerprint value={key.fingerprint} testId="node-fingerprint" title={key.publicKey} /> : '—'}
          </dd>
        </div>
        {key?.retired.map((r) => (
          <div key={r.fingerprint}>
            <dt>{t('federation.retiredKey', { at: when(r.retiredAt) })}</dt>
            <dd>
              <Fingerprint value={r.fingerprint} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function UnknownCallers({ u }: { u: FederationStatus['unknownCallers'] }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const when = useWhen(t('federation.never'));
  const n = (v: number) => formatNumber(v, loc.lang);
  return (
    <section className="card federation-unknown" data-testid="unknown-callers" data-total={u.total} aria-labelledby="unknown-callers-title">
      <h2 id="unknown-callers-title">{t('federation.unknownCallers')}</h2>
      {u.total === 0 ? (
        <p className="muted">{t('federation.unknownCallersNone')}</p>
      ) : (
        <>
          <p>{t('federation.unknownCallersTotal', { n: n(u.total) })}</p>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('federation.nodeId')}</th>
                  <th scope="col">{t('federation.count')}</th>
                  <th scope="col">{t('federation.lastAt')}</th>
                </tr>
              </thead>
              <tbody>
                {u.byNode.map((c) => (
                  <tr key={c.nodeId} data-node={c.nodeId}>
                    <td dir="ltr" className="mono cell-start">
                      {c.nodeId}
                    </td>
                    <td>{n(c.count)}</td>
                    <td>{when(c.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
