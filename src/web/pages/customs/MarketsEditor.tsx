import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage, invalidFields } from '../../components/ErrorMessage.tsx';
import { formatNumber, useLocale } from '../../util.ts';
import type { EditorPoint } from './RulesEditor.tsx';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const LANGS = ['en', 'ru', 'tg', 'fa', 'ps'] as const;
interface Market {
  id: string;
  ref: string;
  name: Partial<Record<(typeof LANGS)[number], string>>;
  unitId: string | null;
  weekday: (typeof WEEKDAYS)[number];
  opens: string;
  closes: string;
  active: boolean;
  totals?: { marketDays: number };
}
type MarketBody = Omit<Market, 'id' | 'totals'>;

/** Weekday names in the UI language, from the platform (2024-01-01 was a Monday). */
const weekdayName = (d: (typeof WEEKDAYS)[number], lang: string) => new Intl.DateTimeFormat(lang === 'fa' ? 'fa-AF' : lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(d))));

/** The border markets: list, create, edit, switch off (customs analyst or administrator). */
export function MarketsEditor({ points }: { points: EditorPoint[] }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [markets, setMarkets] = useState<Market[] | null>(null);
  const [editing, setEditing] = useState<Market | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    try {
      setMarkets((await api.get<{ items: Market[] }>('/api/markets')).items);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function store(body: MarketBody, id: string | null) {
    setSaved(false);
    try {
      if (id === null) await api.post('/api/markets', body);
      else await api.put(`/api/markets/${id}`, body);
      setError(null);
      setEditing(null);
      setSaved(true);
      await load();
    } catch (e) {
      setError(e);
    }
  }
  const bodyOf = (m: Market): MarketBody => ({ ref: m.ref, name: m.name, unitId: m.unitId, weekday: m.weekday, opens: m.opens, closes: m.closes, active: m.active });

  function submit(e: FormEvent<HTMLFormElement>, current: Market | null) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const name: MarketBody['name'] = {};
    for (const l of LANGS) {
      const v = String(f.get(`name.${l}`) ?? '').trim();
      if (v) name[l] = v;
    }
    const unit = String(f.get('unitId') ?? '');
    void store(
      { ref: String(f.get('ref') ?? '').trim(), name, unitId: unit || null, weekday: String(f.get('weekday')) as Market['weekday'], opens: String(f.get('opens')), closes: String(f.get('closes')), active: f.get('active') === 'on' },
      current?.id ?? null,
    );
  }

  const bad = invalidFields(error);
  const invalid = (p: string) => ([...bad].some((f) => f === p || f.startsWith(`${p}.`)) ? true : undefined);
  const labels: Record<string, string> = { ref: t('tradeEditor.ref'), unitId: t('tradeEditor.crossing'), weekday: t('tradeEditor.weekday'), opens: t('tradeEditor.opens'), closes: t('tradeEditor.closes'), name: t('tradeEditor.name') };
  const pointName = (id: string | null) => (id ? (points.find((p) => p.unitId === id)?.name[loc.lang] ?? points.find((p) => p.unitId === id)?.name.en ?? id) : t('tradeEditor.none'));

  const form = (current: Market | null) => (
    <form className="editor-form" data-testid="market-form" onSubmit={(e) => submit(e, current)} noValidate>
      <label>
        {t('tradeEditor.ref')} <input name="ref" dir="ltr" required pattern="[a-z0-9][a-z0-9-]{2,63}" defaultValue={current?.ref ?? ''} aria-invalid={invalid('ref')} />
      </label>
      {LANGS.map((l) => (
        <label key={l}>
          {t('tradeEditor.marketName', { lang: l })} <input name={`name.${l}`} dir={l === 'fa' || l === 'ps' ? 'rtl' : 'ltr'} lang={l} required={l === 'en'} defaultValue={current?.name[l] ?? ''} aria-invalid={invalid(`name.${l}`)} />
        </label>
      ))}
      <label>
        {t('tradeEditor.crossing')}{' '}
        <select name="unitId" defaultValue={current?.unitId ?? ''} aria-invalid={invalid('unitId')}>
          <option value="">{t('tradeEditor.none')}</option>
          {points.map((p) => (
            <option key={p.unitId} value={p.unitId}>
              {p.name[loc.lang] ?? p.name.en}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tradeEditor.weekday')}{' '}
        <select name="weekday" defaultValue={current?.weekday ?? 'sat'}>
          {WEEKDAYS.map((d) => (
            <option key={d} value={d}>
              {weekdayName(d, loc.lang)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tradeEditor.opens')} <input name="opens" type="time" required dir="ltr" defaultValue={current?.opens ?? '08:00'} aria-invalid={invalid('opens')} />
      </label>
      <label>
        {t('tradeEditor.closes')} <input name="closes" type="time" required dir="ltr" defaultValue={current?.closes ?? '14:00'} aria-invalid={invalid('closes')} />
      </label>
      <label>
        <input name="active" type="checkbox" defaultChecked={current?.active ?? true} /> {t('tradeEditor.active')}
      </label>
      <div className="editor-actions">
        <button type="submit" data-testid="market-save">
          {t('tradeEditor.save')}
        </button>
        <button type="button" onClick={() => setEditing(null)}>
          {t('tradeEditor.cancel')}
        </button>
      </div>
    </form>
  );

  return (
    <section aria-labelledby="markets-h" className="trade-editor" data-testid="markets-editor">
      <h2 id="markets-h">{t('tradeEditor.marketsTitle')}</h2>
      <p className="muted">{t('tradeEditor.marketsIntro')}</p>
      {error !== null && <ErrorMessage error={error} testId="market-error" labels={labels} />}
      {saved && (
        <p className="ok" role="status" data-testid="market-saved">
          {t('tradeEditor.saved')}
        </p>
      )}
      {editing === null && (
        <button type="button" data-testid="market-new" onClick={() => (setEditing('new'), setSaved(false))}>
          {t('tradeEditor.newMarket')}
        </button>
      )}
      {editing === 'new' && form(null)}
      {markets && markets.length === 0 && <p>{t('tradeEditor.noMarkets')}</p>}
      {markets && markets.length > 0 && (
        <table className="data-table" data-testid="markets">
          <thead>
            <tr>
              <th>{t('tradeEditor.name')}</th>
              <th>{t('tradeEditor.crossing')}</th>
              <th>{t('tradeEditor.weekday')}</th>
              <th>
                {t('tradeEditor.opens')}–{t('tradeEditor.closes')}
              </th>
              <th>{t('tradeEditor.marketDays')}</th>
              <th>{t('tradeEditor.active')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {markets.map((m) => (
              <tr key={m.id} data-testid="market-row" data-ref={m.ref} data-active={m.active ? 'true' : 'false'} className={m.active ? undefined : 'inactive'}>
                <td>{editing !== null && editing !== 'new' && editing.id === m.id ? form(m) : (m.name[loc.lang as keyof Market['name']] ?? m.name.en)}</td>
                <td>{pointName(m.unitId)}</td>
                <td>{weekdayName(m.weekday, loc.lang)}</td>
                <td dir="ltr">
                  {m.opens}–{m.closes}
                </td>
                <td>{formatNumber(m.totals?.marketDays ?? 0, loc.lang)}</td>
                <td>{m.active ? t('tradeEditor.active') : t('tradeEditor.inactive')}</td>
                <td className="editor-actions">
                  <button type="button" data-testid="market-edit" onClick={() => (setEditing(m), setSaved(false))}>
                    {t('tradeEditor.edit')}
                  </button>
                  <button type="button" data-testid="market-toggle" onClick={() => void store({ ...bodyOf(m), active: !m.active }, m.id)}>
                    {m.active ? t('tradeEditor.disable') : t('tradeEditor.enable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
