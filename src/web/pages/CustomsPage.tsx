import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatNumber, useLocale } from '../util.ts';
import { AlignedHours } from './customs/AlignedHours.tsx';
import { CrossingPointsEditor } from './customs/CrossingPointsEditor.tsx';
import { MarketsEditor } from './customs/MarketsEditor.tsx';
import { RulesEditor } from './customs/RulesEditor.tsx';

interface CrossingPointItem {
  unitId: string;
  ref: string | null;
  name: Record<string, string>;
  stateCode: string;
}
interface Declaration {
  id: string;
  ref: string;
  ownerState: string;
  consignor: { name: string };
  consignee: { name: string };
  vehicle: { plate: string };
  seals: string[];
  items: { hsCode: string; grossMassKg: number; value: number; currency: string }[];
  expectedArrival: string;
  lane: 'green' | 'blue' | 'yellow' | 'red' | null;
  laneRules: string[];
  abilities: { arrive: boolean };
}
interface Crossing {
  id: string;
  discrepancies: { kind: string; message: string }[];
}
interface Transit {
  id: string;
  ref: string;
  ownerState: string;
  vehiclePlate: string;
  status: string;
  dueAt: string | null;
  overdue: boolean;
}
interface Times {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  medianCostUsd: number | null;
  slowestStep: Step | 'exit' | null;
  steps: { step: Step; count: number; medianHours: number | null }[];
  histogram: { fromHours: number; toHours: number; count: number }[];
  baseline: { source: string; year: number; hours: number; costUsd: number | null } | null;
}

const hhmm = (iso: string) => iso.slice(11, 16);
type Step = 'queue_arrival' | 'entry' | 'document_check' | 'inspection' | 'payment';

/**
 * The customs officer's workspace: today's arrivals with pre-arrival data and lane, inspection,
 * transits, crossing times, the aligned hours of the two banks; for the customs risk analyst and
 * the administrator (trade:configure) also the editors of their side's crossing points, the
 * selectivity rules and the border markets.
 */
export function CustomsPage({ stateCode, canConfigure = false }: { stateCode: string; canConfigure?: boolean }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const n = (v: number, d = 0) => formatNumber(v, loc.lang, d);
  const [points, setPoints] = useState<CrossingPointItem[]>([]);
  const [point, setPoint] = useState<string>('');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [arrivals, setArrivals] = useState<Declaration[] | null>(null);
  const [transits, setTransits] = useState<Transit[] | null>(null);
  const [times, setTimes] = useState<Times | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [result, setResult] = useState<Record<string, Crossing | 'inspected'>>({});
  // Bumped when a profile is saved in the editor, so the aligned hours are fetched again.
  const [profileRevision, setProfileRevision] = useState(0);

  useEffect(() => {
    api
      .get<{ items: CrossingPointItem[] }>('/api/crossing-points')
      .then((r) => {
        setPoints(r.items);
        const mine = r.items.find((p) => p.stateCode === stateCode && (p.ref === 'tj-bcp-panji-poyon' || p.ref === 'af-bcp-sher-khan-bandar')) ?? r.items.find((p) => p.stateCode === stateCode) ?? r.items[0];
        if (mine) setPoint(mine.unitId);
      })
      .catch(setError);
  }, [stateCode]);

  const load = useCallback(async () => {
    if (!point) return;
    try {
      const day = new Date();
      const from = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate())).toISOString();
      const to = new Date(Date.parse(from) + 86_400_000).toISOString();
      const [d, tr, tm] = await Promise.all([
        api.get<{ items: Declaration[] }>(`/api/declarations?crossingPoint=${point}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
        api.get<{ items: Transit[] }>('/api/transits'),
        api.get<Times>(`/api/crossing-times?crossingPoint=${point}&direction=${direction}`),
      ]);
      setArrivals(d.items);
      setTransits(tr.items.filter((x) => x.status === 'started'));
      setTimes(tm);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [point, direction]);
  useEffect(() => {
    void load();
  }, [load]);

  async function arrive(d: Declaration, form: HTMLFormElement) {
    const data = new FormData(form);
    try {
      const c = await api.post<Crossing>(`/api/declarations/${d.id}/arrival`, {
        plate: String(data.get('plate')),
        grossMassKg: Number(data.get('mass')),
        seals: String(data.get('seals')).split(/[,;\s]+/).filter(Boolean),
      });
      setResult((r) => ({ ...r, [d.id]: c }));
    } catch (e) {
      setError(e);
    }
  }
  async function inspect(d: Declaration, hit: boolean, findings: string) {
    try {
      await api.post(`/api/declarations/${d.id}/inspection`, { hit, findings });
      setResult((r) => ({ ...r, [`${d.id}:insp`]: 'inspected' }));
    } catch (e) {
      setError(e);
    }
  }

  const max = times ? Math.max(1, ...times.histogram.map((b) => b.count)) : 1;
  const scaleTo = times ? Math.max(times.histogram.at(-1)?.toHours ?? 1, times.baseline?.hours ?? 0) : 1;

  return (
    <main className="page customs-page" data-testid="customs-page">
      <h1>{t('trade.title')}</h1>
      <div className="customs-controls">
        <label>
          {t('trade.crossingPoint')}{' '}
          <select data-testid="customs-point" value={point} onChange={(e) => setPoint(e.target.value)}>
            {points.map((p) => (
              <option key={p.unitId} value={p.unitId}>
                {p.name[loc.lang] ?? p.name.en}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error !== null && <ErrorMessage error={error} />}

      <section aria-labelledby="arrivals-h">
        <h2 id="arrivals-h">{t('trade.arrivalsToday')}</h2>
        {arrivals && arrivals.length === 0 && <p data-testid="arrivals-empty">{t('trade.noArrivals')}</p>}
        {arrivals && arrivals.length > 0 && (
          <table className="data-table" data-testid="arrivals">
            <thead>
              <tr>
                <th>{t('trade.expected')}</th>
                <th>{t('trade.ref')}</th>
                <th>{t('trade.parties')}</th>
                <th>{t('trade.vehicle')}</th>
                <th>{t('trade.goods')}</th>
                <th>{t('trade.lane')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {arrivals.map((d) => {
                const c = result[d.id];
                return (
                  <tr key={d.id} data-testid="arrival-row" data-lane={d.lane ?? ''}>
                    <td>{hhmm(d.expectedArrival)}</td>
                    <td>
                      {d.ref} <span className="muted">({d.ownerState})</span>
                    </td>
                    <td>
                      {d.consignor.name} → {d.consignee.name}
                    </td>
                    <td dir="ltr">{d.vehicle.plate}</td>
                    <td>
                      {[...new Set(d.items.map((i) => i.hsCode.slice(0, 4)))].join(', ')} · {n(d.items.reduce((s, i) => s + i.grossMassKg, 0))} {t('trade.kg')}
                    </td>
                    <td>
                      <span className={`lane-badge lane-${d.lane ?? 'none'}`} title={d.laneRules.join(', ')}>
                        {d.lane ? t(`trade.lanes.${d.lane}`) : '—'}
                      </span>
                    </td>
                    <td>
                      {d.abilities.arrive && open !== d.id && (
                        <button type="button" data-testid="arrival-open" onClick={() => setOpen(d.id)}>
                          {t('trade.recordArrival')}
                        </button>
                      )}
                      {open === d.id && !c && (
                        <form
                          className="arrival-form"
                          data-testid="arrival-form"
                          onSubmit={(e) => {
                            e.preventDefault();
                            void arrive(d, e.currentTarget);
                          }}
                        >
                          <label>
                            {t('trade.plate')} <input name="plate" defaultValue={d.vehicle.plate} required dir="ltr" />
                          </label>
                          <label>
                            {t('trade.weighbridge')} <input name="mass" type="number" min="1" required />
                          </label>
                          <label>
                            {t('trade.seals')} <input name="seals" defaultValue={d.seals.join(', ')} dir="ltr" />
                          </label>
                          <button type="submit">{t('trade.match')}</button>
                        </form>
                      )}
                      {c && c !== 'inspected' && (
                        <div data-testid="arrival-result">
                          {c.discrepancies.length === 0 ? (
                            <p className="ok">{t('trade.noDiscrepancy')}</p>
                          ) : (
                            <ul className="discrepancies">
                              {c.discrepancies.map((x) => (
                                <li key={x.kind} data-testid="discrepancy" data-kind={x.kind}>
                                  {t(`trade.discrepancy.${x.kind}`, { defaultValue: x.kind })}: <span dir="ltr">{x.message}</span>
                                </li>
                              ))}
                            </ul>
                          )}
                          {result[`${d.id}:insp`] ? (
                            <p data-testid="inspection-saved">{t('trade.inspectionSaved')}</p>
                          ) : (
                            <form
                              className="inspection-form"
                              data-testid="inspection-form"
                              onSubmit={(e) => {
                                e.preventDefault();
                                const f = new FormData(e.currentTarget);
                                void inspect(d, f.get('hit') === 'yes', String(f.get('findings') ?? ''));
                              }}
                            >
                              <fieldset>
                                <legend>{t('trade.inspection')}</legend>
                                <label>
                                  <input type="radio" name="hit" value="yes" /> {t('trade.hit')}
                                </label>
                                <label>
                                  <input type="radio" name="hit" value="no" defaultChecked /> {t('trade.noHit')}
                                </label>
                                <label>
                                  {t('trade.findings')} <input name="findings" />
                                </label>
                                <button type="submit">{t('trade.saveInspection')}</button>
                              </fieldset>
                            </form>
                          )}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="transits-h">
        <h2 id="transits-h">{t('trade.transits')}</h2>
        {transits && (
          <table className="data-table" data-testid="transits">
            <thead>
              <tr>
                <th>{t('trade.ref')}</th>
                <th>{t('trade.vehicle')}</th>
                <th>{t('trade.due')}</th>
                <th>{t('trade.status')}</th>
              </tr>
            </thead>
            <tbody>
              {transits.map((x) => (
                <tr key={x.id} data-testid="transit-row" data-overdue={x.overdue ? 'true' : 'false'} className={x.overdue ? 'overdue' : undefined}>
                  <td>
                    {x.ref} <span className="muted">({x.ownerState})</span>
                  </td>
                  <td dir="ltr">{x.vehiclePlate}</td>
                  <td dir="ltr">{x.dueAt ? `${x.dueAt.slice(0, 10)} ${hhmm(x.dueAt)}` : '—'}</td>
                  <td>{x.overdue ? <strong className="overdue-flag">{t('trade.overdue')}</strong> : t('trade.running')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="times-h" data-testid="crossing-times">
        <h2 id="times-h">{t('trade.crossingTimes')}</h2>
        <div role="radiogroup" aria-label={t('trade.direction')}>
          {(['inbound', 'outbound'] as const).map((d) => (
            <label key={d}>
              <input type="radio" name="direction" value={d} checked={direction === d} onChange={() => setDirection(d)} data-testid={`direction-${d}`} /> {t(`trade.${d}`)}
            </label>
          ))}
        </div>
        {times && (
          <>
            <dl className="times-figures">
              <dt>{t('trade.trucks')}</dt>
              <dd data-testid="times-count">{n(times.count)}</dd>
              <dt>{t('trade.median')}</dt>
              <dd data-testid="times-median">{times.medianHours === null ? '—' : `${n(times.medianHours, 1)} ${t('trade.hours')}`}</dd>
              <dt>{t('trade.p90')}</dt>
              <dd data-testid="times-p90">{times.p90Hours === null ? '—' : `${n(times.p90Hours, 1)} ${t('trade.hours')}`}</dd>
              <dt>{t('trade.medianCost')}</dt>
              <dd>{times.medianCostUsd === null ? '—' : `$${n(times.medianCostUsd)}`}</dd>
              <dt>{t('trade.slowestStep')}</dt>
              <dd data-testid="times-slowest">{times.slowestStep && times.slowestStep !== 'exit' ? t(`trade.steps.${times.slowestStep}`) : '—'}</dd>
              <dt>{t('trade.baseline')}</dt>
              <dd data-testid="times-baseline">
                {times.baseline ? `${n(times.baseline.hours, 1)} ${t('trade.hours')}${times.baseline.costUsd !== null ? ` · $${n(times.baseline.costUsd)}` : ''} (${times.baseline.source})` : t('trade.noBaseline')}
              </dd>
            </dl>
            <figure className="times-histogram" data-testid="times-histogram">
              <figcaption>{t('trade.distribution')}</figcaption>
              <div className="bars" dir="ltr">
                {times.histogram.map((b) => (
                  <div key={b.fromHours} className="bar" style={{ height: `${(b.count / max) * 100}%`, width: `${((b.toHours - b.fromHours) / scaleTo) * 100}%` }} title={`${b.fromHours}–${b.toHours} h: ${b.count}`} />
                ))}
                {times.baseline && <div className="baseline-line" data-testid="baseline-line" style={{ left: `${(times.baseline.hours / scaleTo) * 100}%` }} title={`${t('trade.baseline')} ${times.baseline.hours} h`} />}
                {times.medianHours !== null && <div className="median-line" style={{ left: `${(times.medianHours / scaleTo) * 100}%` }} title={`${t('trade.median')} ${times.medianHours} h`} />}
              </div>
            </figure>
            <table className="data-table" data-testid="times-steps">
              <thead>
                <tr>
                  <th>{t('trade.step')}</th>
                  <th>{t('trade.median')}</th>
                </tr>
              </thead>
              <tbody>
                {times.steps.map((s) => (
                    <tr key={s.step} className={s.step === times.slowestStep ? 'slowest' : undefined}>
                      <td>{t(`trade.steps.${s.step}`)}</td>
                      <td>{s.medianHours === null ? '—' : `${n(s.medianHours, 2)} ${t('trade.hours')}`}</td>
                    </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      {point && <AlignedHours pointId={point} revision={profileRevision} />}

      {canConfigure && (
        <>
          <CrossingPointsEditor onSaved={() => setProfileRevision((r) => r + 1)} />
          <RulesEditor points={points} />
          <MarketsEditor points={points} />
        </>
      )}
    </main>
  );
}
