import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { SectionCollection, User } from '../../types.ts';
import { useRecordEvents } from '../../stream.tsx';
import { formatNumber, useLocale } from '../../util.ts';
import { can } from '../../permissions.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { MAP_LAYERS, MapPage } from '../MapPage.tsx';
import type { MapLayer } from '../map/context.ts';
import { EventsLayer } from './EventsLayer.tsx';
import { PictureContext, type Picture } from './context.ts';
import { CATEGORIES, RELIABILITY, type EventFeature, type EventPage } from './model.ts';
import { inBox, type BBox } from './cluster.ts';
import { EventTable, Timeline } from './EventViews.tsx';
import { EventDetail } from './EventDetail.tsx';
import { ReportForm } from './ReportForm.tsx';
import { flushOutbox, onOutboxChange, pendingReports, startOutbox } from './outbox.ts';

const LAYERS: MapLayer[] = [...MAP_LAYERS, EventsLayer];
const DAY = 86_400_000;

export interface Filters {
  days: number;
  categories: string[];
  section: string;
  reliability: string[];
  status: 'picture' | 'all';
}
const DEFAULT_FILTERS: Filters = { days: 30, categories: [], section: '', reliability: [], status: 'picture' };

export function queryOf(f: Filters, now = Date.now()): string {
  const q = new URLSearchParams();
  q.set('from', new Date(now - f.days * DAY).toISOString());
  if (f.categories.length) q.set('category', f.categories.join(','));
  if (f.section) q.set('section', f.section);
  if (f.reliability.length) q.set('reliability', f.reliability.join(','));
  if (f.status === 'all') q.set('status', 'all');
  q.set('limit', '2000');
  return q.toString();
}

/** Every page of the answer (at most 10 pages of 2,000). */
async function loadEvents(f: Filters): Promise<EventFeature[]> {
  const out: EventFeature[] = [];
  let url: string | null = `/api/events?${queryOf(f)}`;
  for (let i = 0; url && i < 10; i++) {
    const page: EventPage = await api.get<EventPage>(url);
    out.push(...page.features);
    url = page.next ? `/api/events?${queryOf(f)}&cursor=${encodeURIComponent(page.next)}` : null;
  }
  return out;
}

export function EventsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const [events, setEvents] = useState<EventFeature[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  const [selectedId, select] = useState<string | null>(null);
  const [view, setView] = useState<BBox | null>(null);
  const [inView, setInView] = useState(0);
  const [tab, setTab] = useState<'table' | 'timeline'>('table');
  const [reporting, setReporting] = useState(false);
  const [picking, setPicking] = useState(false);
  const [pickedAt, setPickedAt] = useState<{ lat: number; lon: number } | null>(null);
  const [sections, setSections] = useState<SectionCollection | null>(null);
  const [pending, setPending] = useState(0);

  const reload = useCallback(() => {
    loadEvents(filters).then(
      (e) => {
        setEvents(e);
        setError(null);
        setLoaded(true);
      },
      (e: unknown) => setError(e),
    );
  }, [filters]);
  useEffect(reload, [reload]);
  // live: any change to an event we may read re-reads the picture
  useRecordEvents(['event'], reload);

  useEffect(() => {
    api.get<SectionCollection>('/api/sections').then(setSections, () => undefined);
  }, []);

  // offline reports: count what waits, send it when the link returns
  useEffect(() => {
    startOutbox();
    const count = () => void pendingReports().then((p) => setPending(p.length), () => undefined);
    count();
    const off = onOutboxChange(() => {
      count();
      reload();
    });
    return () => {
      off();
    };
  }, [reload]);

  const picked = useCallback((lat: number, lon: number) => {
    setPickedAt({ lat, lon });
    setPicking(false);
  }, []);

  const picture = useMemo<Picture>(
    () => ({ events, selectedId, select, view, setView, inView, setInView, picking, picked, pickedAt }),
    [events, selectedId, view, inView, picking, picked, pickedAt],
  );
  const visible = useMemo(() => (view ? events.filter((e) => e.geometry && inBox({ lon: e.geometry.coordinates[0], lat: e.geometry.coordinates[1] }, view)) : events), [events, view]);
  const sectionName = useCallback((id: string | null) => (id ? loc.name(sections?.features.find((f) => f.properties.id === id)?.properties.name) : ''), [sections, loc]);

  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const selected = selectedId ? events.find((e) => e.id === selectedId) ?? null : null;

  const side = (
    <aside className="side-panel picture-panel" data-testid="picture-panel">
      <h1>{t('picture.title')}</h1>
      <ErrorMessage error={error} testId="events-error" />
      {can(user, 'events:report') && !reporting && (
        <button type="button" className="btn btn-primary" data-testid="report-open" onClick={() => setReporting(true)}>
          {t('picture.report.open')}
        </button>
      )}
      {pending > 0 && (
        <p className="alert alert-warn" role="status" data-testid="outbox-pending" data-count={pending}>
          {t('picture.report.pending', { n: formatNumber(pending, loc.lang) })}{' '}
          <button type="button" className="btn btn-quiet" onClick={() => void flushOutbox()}>
            ↻
          </button>
        </p>
      )}
      {reporting && (
        <ReportForm
          user={user}
          pickedAt={pickedAt}
          picking={picking}
          onPick={() => setPicking(true)}
          onTyped={setPickedAt}
          onDone={(id) => {
            setReporting(false);
            setPickedAt(null);
            if (id) select(id);
            reload();
          }}
        />
      )}
      {selected && <EventDetail key={selected.id + selected.properties.version} feature={selected} sectionName={sectionName} onClose={() => select(null)} onChanged={reload} />}
      <details className="filters" open data-testid="event-filters">
        <summary>{t('picture.filters.title')}</summary>
        <div className="filter-row">
          <label htmlFor="f-window">{t('picture.filters.window')}</label>
          <select id="f-window" value={filters.days} onChange={(e) => setFilters({ ...filters, days: Number(e.target.value) })}>
            <option value={7}>{t('picture.filters.last7d')}</option>
            <option value={30}>{t('picture.filters.last30d')}</option>
            <option value={365}>{t('picture.filters.last365d')}</option>
          </select>
        </div>
        <div className="filter-row">
          <label htmlFor="f-section">{t('picture.filters.section')}</label>
          <select id="f-section" value={filters.section} onChange={(e) => setFilters({ ...filters, section: e.target.value })}>
            <option value="">{t('picture.filters.allSections')}</option>
            {[...(sections?.features ?? [])]
              .sort((a, b) => a.properties.order - b.properties.order)
              .map((f) => (
                <option key={f.properties.id} value={f.properties.id}>
                  {loc.name(f.properties.name)}
                </option>
              ))}
          </select>
        </div>
        <div className="filter-row">
          <label htmlFor="f-status">{t('picture.filters.status')}</label>
          <select id="f-status" value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value as Filters['status'] })}>
            <option value="picture">{t('picture.filters.picture')}</option>
            <option value="all">{t('picture.filters.all')}</option>
          </select>
        </div>
        <fieldset className="filter-checks">
          <legend>{t('picture.filters.reliability')}</legend>
          {RELIABILITY.map((r) => (
            <label key={r} title={t(`picture.reliabilityOf.${r}`)}>
              <input type="checkbox" name="reliability" value={r} checked={filters.reliability.includes(r)} onChange={() => setFilters({ ...filters, reliability: toggle(filters.reliability, r) })} />
              {r}
            </label>
          ))}
        </fieldset>
        <fieldset className="filter-checks filter-categories">
          <legend>{t('picture.filters.category')}</legend>
          {CATEGORIES.map((c) => (
            <label key={c}>
              <input type="checkbox" name="category" value={c} checked={filters.categories.includes(c)} onChange={() => setFilters({ ...filters, categories: toggle(filters.categories, c) })} />
              {t(`picture.category.${c}`)}
            </label>
          ))}
        </fieldset>
        <button type="button" className="btn btn-quiet" onClick={() => setFilters(DEFAULT_FILTERS)}>
          {t('picture.filters.reset')}
        </button>
      </details>
      <p className="muted counts" role="status">
        <span data-testid="events-loaded" data-count={events.length} data-loaded={loaded}>
          {t('picture.loaded', { n: formatNumber(events.length, loc.lang) })}
        </span>
        <span data-testid="events-in-view" data-count={inView}>
          {t('picture.inView', { n: formatNumber(inView, loc.lang) })}
        </span>
      </p>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'table'} data-testid="tab-table" onClick={() => setTab('table')}>
          {t('picture.views.table')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'timeline'} data-testid="tab-timeline" onClick={() => setTab('timeline')}>
          {t('picture.views.timeline')}
        </button>
      </div>
      {loaded && visible.length === 0 && <p className="muted">{t('picture.none')}</p>}
      {tab === 'table' ? <EventTable events={visible} sectionName={sectionName} onSelect={select} selectedId={selectedId} /> : <Timeline events={visible} days={filters.days} />}
    </aside>
  );

  return (
    <PictureContext.Provider value={picture}>
      <MapPage layers={LAYERS} side={side} testId="events-page" />
    </PictureContext.Provider>
  );
}

