import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { TableHead } from '../components/TableHead.tsx';
import { can } from '../permissions.ts';
import type { ListAnswer, SectionCollection, Unit, User } from '../types.ts';
import { useApiData } from '../useApiData.ts';
import { formatNumber, useLocale } from '../util.ts';
import { initiativesHash } from './map/initiativesHash.ts';
import type { Equipment, Gap, ImportReport, Initiative, PartnerRow, Place } from './partners/types.ts';
import { sheetErrorCode, uploadSheet } from './partners/upload.ts';

async function loadPartners() {
  const [initiatives, equipment, partners, gaps, units, sections] = await Promise.all([
    api.get<ListAnswer<Initiative>>('/api/initiatives'),
    api.get<ListAnswer<Equipment>>('/api/equipment'),
    api.get<ListAnswer<PartnerRow>>('/api/partners'),
    api.get<{ gaps: Gap[] }>('/api/partners/gaps'),
    api.get<ListAnswer<Unit>>('/api/units'),
    api.get<SectionCollection>('/api/sections'),
  ]);
  const places = new Map<string, Unit['name']>([...units.items.map((u) => [u.id, u.name] as const), ...sections.features.map((s) => [s.properties.id, s.properties.name] as const)]);
  // Ids are per node: a copy from the other side names its places by ref (as the map answer does).
  type WithRef = { ref?: string | null };
  const byRef = new Map<string, string>([
    ...units.items.flatMap((u) => ((u as Unit & WithRef).ref ? [[`unit:${(u as Unit & WithRef).ref}`, u.id] as const] : [])),
    ...sections.features.flatMap((s) => ((s.properties as WithRef).ref ? [[`section:${(s.properties as WithRef).ref}`, s.properties.id] as const] : [])),
  ]);
  return { initiatives: initiatives.items, equipment: equipment.items, partners: partners.items, gaps: gaps.gaps, places, byRef };
}

/** Who does what where: partners, initiatives by location, the gaps, and the partner sheet in and out. */
export function PartnersPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error, reload } = useApiData(loadPartners, ['initiative', 'training', 'equipment']);
  const placeName = (id: string) => loc.name(data?.places.get(id) ?? null) || id;
  /** This node's id of a place an initiative names (null: not in this node's registry). */
  const localId = (p: Place) => (data?.places.has(p.id) ? p.id : (p.ref && data?.byRef.get(`${p.type}:${p.ref}`)) || null);
  /** The place, linked to the initiatives map focused on it (`#/map/initiatives/<placeId>`). */
  const placeLink = (p: Place, key?: string) => {
    const id = localId(p);
    if (!id) return <bdi key={key}>{p.ref ?? p.id}</bdi>;
    const name = placeName(id);
    return (
      <a key={key} href={initiativesHash(id)} className="place-link" data-testid={`place-link-${id}`} title={t('partners.onMap', { place: name })}>
        {name}
      </a>
    );
  };
  const money = (b: Record<string, number>) => Object.entries(b).map(([c, v]) => `${formatNumber(v, loc.lang)} ${c}`).join(', ');

  // Initiatives and deliveries grouped by the place they name.
  const byPlace = new Map<string, { type: Place['type']; initiatives: Initiative[]; equipment: Equipment[] }>();
  const slot = (p: Place) => {
    const id = localId(p) ?? p.id;
    return byPlace.get(id) ?? byPlace.set(id, { type: p.type, initiatives: [], equipment: [] }).get(id)!;
  };
  for (const i of data?.initiatives ?? []) for (const p of i.places) slot(p).initiatives.push(i);
  for (const e of data?.equipment ?? []) if (e.place) slot(e.place).equipment.push(e);

  return (
    <main className="content-page partners-page" data-testid="partners-page">
      <div className="page-title-row">
        <h1>{t('partners.title')}</h1>
        <div className="partners-actions">
          <a className="btn" href="/api/initiatives/export.xlsx" download data-testid="partners-export-xlsx">
            {t('partners.export')}
          </a>
          <a className="btn" href="/api/initiatives/export.csv?sheet=initiatives" download data-testid="partners-export-csv">
            {t('partners.exportCsv')}
          </a>
          <a className="btn" href="#/recommendations" data-testid="partners-tracker-link">
            {t('partners.tracker')}
          </a>
        </div>
      </div>
      <p className="partners-note">{t('partners.illustrative')}</p>
      <ErrorMessage error={error} />
      {can(user, 'partners:write') && <ImportForm onDone={() => void reload()} />}
      {data && (
        <>
          <section aria-labelledby="partners-by-partner">
            <h2 id="partners-by-partner">{t('partners.byPartner')}</h2>
            <table className="data-table" data-testid="partners-table">
              <TableHead labels={[t('partners.partner'), t('partners.states'), t('partners.initiatives'), t('partners.ongoing'), t('partners.budget'), t('partners.trainings'), t('partners.trainees'), t('partners.equipment')]} />
              <tbody>
                {data.partners.map((p) => (
                  <tr key={p.partner}>
                    <th scope="row">{p.partner}</th>
                    <td>{p.states.join(', ')}</td>
                    <td>{formatNumber(p.initiatives, loc.lang)}</td>
                    <td>{formatNumber(p.ongoing, loc.lang)}</td>
                    <td>
                      <bdi>{money(p.budget)}</bdi>
                    </td>
                    <td>{formatNumber(p.trainings, loc.lang)}</td>
                    <td>{formatNumber(p.trainees, loc.lang)}</td>
                    <td>{Object.entries(p.equipment).map(([k, n]) => `${t(`partners.kinds.${k}` as never)} ×${formatNumber(n, loc.lang)}`).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="partners-initiatives">
            <h2 id="partners-initiatives">{t('partners.initiatives')}</h2>
            <table className="data-table" data-testid="initiatives-table">
              <TableHead labels={[t('partners.partner'), t('partners.initiativeTitle'), t('partners.state'), t('partners.status'), t('partners.period'), t('partners.budget'), t('partners.places')]} />
              <tbody>
                {data.initiatives.map((i) => (
                  <tr key={i.id} data-testid={`initiative-${i.partner}-${i.ref}`}>
                    <td>{i.partner}</td>
                    <td>{i.title}</td>
                    <td>{i.stateCode}</td>
                    <td>{t(`partners.statuses.${i.status}`)}</td>
                    <td>
                      <bdi>
                        {loc.date(i.start)} – {i.end ? loc.date(i.end) : '…'}
                      </bdi>
                    </td>
                    <td>
                      <bdi>{i.budget !== null && i.currency ? `${formatNumber(i.budget, loc.lang)} ${i.currency}` : ''}</bdi>
                    </td>
                    <td>{i.places.map((p, n) => [n > 0 ? ', ' : null, placeLink(p, `${p.type}-${p.id}`)])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="partners-gaps" data-testid="gaps">
            <div className="page-title-row">
              <h2 id="partners-gaps">{t('partners.gaps')}</h2>
              <a href="/api/partners/gaps" target="_blank" rel="noreferrer">
                {t('partners.gapsJson')}
              </a>
            </div>
            {data.gaps.length === 0 ? (
              <p>{t('partners.gapsNone')}</p>
            ) : (
              <table className="data-table">
                <TableHead labels={[t('partners.gaps'), t('partners.gapPlace'), t('partners.state')]} />
                <tbody>
                  {data.gaps.map((g) => (
                    <tr key={`${g.rule}-${g.place?.id ?? ''}-${g.stateCode}`} data-testid={`gap-${g.rule}-${g.place?.ref ?? g.stateCode}`} className="partners-gap">
                      <td>{t(`partners.rules.${g.rule}` as never)}</td>
                      <td>{g.place ? (g.place.id ? placeName(g.place.id) : g.place.name) : '—'}</td>
                      <td>{g.stateCode}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="partners-by-location">
            <h2 id="partners-by-location">{t('partners.byLocation')}</h2>
            <ul className="partners-locations" data-testid="partners-by-location">
              {[...byPlace].map(([id, v]) => (
                <li key={id}>
                  <strong>{placeLink({ type: v.type, id, ref: null })}</strong>: {v.initiatives.map((i) => `${i.partner} · ${i.title}`).join('; ')}
                  {v.equipment.length > 0 && <> — {v.equipment.map((e) => `${t(`partners.kinds.${e.kind}` as never)} ×${formatNumber(e.quantity, loc.lang)} (${e.partner})`).join(', ')}</>}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const file = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async () => {
    const f = file.current?.files?.[0];
    if (!f) return;
    setError(null);
    setReport(null);
    setProgress(0);
    try {
      setReport(await uploadSheet(f, setProgress));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  const sheetError = sheetErrorCode(error);

  return (
    <section className="partners-import" aria-labelledby="partners-import">
      <h2 id="partners-import">{t('partners.import')}</h2>
      <input ref={file} type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" data-testid="partners-import-file" />
      <button type="button" className="btn" onClick={() => void send()} disabled={progress !== null} data-testid="partners-import">
        {t('partners.importButton')}
      </button>
      {progress !== null && (
        <span role="status">
          {t('partners.importing')} <progress max={1} value={progress} data-testid="partners-import-progress" />
        </span>
      )}
      {sheetError ? <p className="error" role="alert">{t(`partners.codes.${sheetError}`)}</p> : <ErrorMessage error={error} />}
      {report && (
        <div data-testid="partners-import-report">
          <p role="status">{t('partners.importDone', { created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected.length })}</p>
          {report.rejected.length > 0 && (
            <table className="data-table">
              <TableHead labels={[t('partners.sheet'), t('partners.row'), t('partners.problem'), t('partners.field')]} />
              <tbody>
                {report.rejected.map((r) => (
                  <tr key={`${r.sheet}-${r.row}`}>
                    <td>{r.sheet}</td>
                    <td>{r.row}</td>
                    <td title={r.message}>{t(`partners.codes.${r.code}` as never)}</td>
                    <td>{r.field ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
