import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage, invalidFields } from '../../components/ErrorMessage.tsx';
import { formatNumber, useLocale } from '../../util.ts';

export interface EditorPoint {
  unitId: string;
  name: Record<string, string>;
}
type RuleLane = 'blue' | 'yellow' | 'red';
interface Rule {
  id: string;
  name: string;
  lane: RuleLane;
  active: boolean;
  rate?: number;
  when: {
    hsPrefixes?: string[];
    origins?: string[];
    traders?: string[];
    exitPoints?: string[];
    valuePerKgUsd?: { min?: number; max?: number };
    watchlistHit?: true;
    intelligence?: string[];
  };
}

const list = (v: FormDataEntryValue | null, clean: (x: string) => string = (x) => x) =>
  String(v ?? '')
    .split(/[,;\s]+/)
    .map(clean)
    .filter(Boolean);
const hsList = (v: FormDataEntryValue | null) => list(v, (x) => x.replace(/\./g, ''));
const countryList = (v: FormDataEntryValue | null) => list(v, (x) => x.toUpperCase());
const num = (v: FormDataEntryValue | null) => (String(v ?? '').trim() === '' ? undefined : Number(v));
/** A readable id from the name with a random suffix: saving a new rule never replaces another one. */
const newId = (name: string) => `${name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'rule'}-${Math.random().toString(36).slice(2, 7)}`;

/** The analyst's editor of the selectivity rules: list, create, edit, switch off. */
export function RulesEditor({ points }: { points: EditorPoint[] }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const pointName = (id: string) => {
    const p = points.find((x) => x.unitId === id);
    return p ? (p.name[loc.lang] ?? p.name.en ?? id) : id;
  };

  const load = useCallback(async () => {
    try {
      setRules((await api.get<{ items: Rule[] }>('/api/selectivity/rules')).items);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function store(rule: Rule, isNew: boolean) {
    setSaved(false);
    try {
      if (isNew) await api.post('/api/selectivity/rules', rule);
      else await api.put(`/api/selectivity/rules/${encodeURIComponent(rule.id)}`, rule);
      setError(null);
      setEditing(null);
      setSaved(true);
      await load();
    } catch (e) {
      setError(e);
    }
  }

  function submit(e: FormEvent<HTMLFormElement>, current: Rule | null) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const name = String(f.get('name') ?? '').trim();
    const min = num(f.get('min'));
    const max = num(f.get('max'));
    const exit = String(f.get('exitPoint') ?? '');
    const when: Rule['when'] = {
      ...(hsList(f.get('hs')).length ? { hsPrefixes: hsList(f.get('hs')) } : {}),
      ...(countryList(f.get('origins')).length ? { origins: countryList(f.get('origins')) } : {}),
      ...(list(f.get('traders')).length ? { traders: list(f.get('traders')) } : {}),
      ...(exit ? { exitPoints: [exit] } : {}),
      ...(min !== undefined || max !== undefined ? { valuePerKgUsd: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) } } : {}),
      ...(f.get('watchlist') ? { watchlistHit: true as const } : {}),
      ...(current?.when.intelligence ? { intelligence: current.when.intelligence } : {}),
    };
    const rule: Rule = { id: current?.id ?? newId(name), name, lane: String(f.get('lane')) as RuleLane, rate: Number(f.get('rate')) / 100, active: f.get('active') === 'on', when };
    void store(rule, current === null);
  }

  function summary(r: Rule): string {
    const w = r.when;
    const parts: string[] = [];
    if (w.hsPrefixes) parts.push(t('tradeEditor.summary.hs', { list: w.hsPrefixes.join(', ') }));
    if (w.origins) parts.push(t('tradeEditor.summary.origins', { list: w.origins.join(', ') }));
    if (w.traders) parts.push(t('tradeEditor.summary.traders', { list: w.traders.join(', ') }));
    if (w.exitPoints) parts.push(t('tradeEditor.summary.point', { name: w.exitPoints.map(pointName).join(', ') }));
    if (w.valuePerKgUsd) parts.push(t('tradeEditor.summary.band', { min: w.valuePerKgUsd.min ?? 0, max: w.valuePerKgUsd.max ?? '∞' }));
    if (w.watchlistHit) parts.push(t('tradeEditor.summary.watchlist'));
    if (w.intelligence) parts.push(t('tradeEditor.summary.intelligence', { list: w.intelligence.join(', ') }));
    return parts.join(' · ');
  }

  const bad = invalidFields(error);
  const invalid = (...paths: string[]) => ([...bad].some((f) => paths.some((p) => f === p || f.startsWith(`${p}.`))) ? true : undefined);
  const labels: Record<string, string> = {};
  for (const f of bad) {
    labels[f] = f.startsWith('when.hsPrefixes') ? t('tradeEditor.hsPrefixes') : f.startsWith('when.origins') ? t('tradeEditor.origins') : f.startsWith('when.valuePerKgUsd') ? t('tradeEditor.valueMin') : f === 'when' ? t('tradeEditor.conditions') : f === 'rate' ? t('tradeEditor.rate') : f === 'name' ? t('tradeEditor.name') : f;
  }

  const form = (current: Rule | null) => (
    <form className="editor-form" data-testid="rule-form" onSubmit={(e) => submit(e, current)} noValidate>
      <label>
        {t('tradeEditor.name')} <input name="name" required maxLength={200} defaultValue={current?.name ?? ''} aria-invalid={invalid('name')} />
      </label>
      <label>
        {t('tradeEditor.lane')}{' '}
        <select name="lane" defaultValue={current?.lane ?? 'yellow'}>
          {(['blue', 'yellow', 'red'] as const).map((l) => (
            <option key={l} value={l}>
              {t(`trade.lanes.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tradeEditor.rate')} <input name="rate" type="number" min="1" max="100" step="any" required defaultValue={Math.round((current?.rate ?? 1) * 10000) / 100} aria-invalid={invalid('rate')} />
      </label>
      <fieldset aria-invalid={invalid('when')}>
        <legend>{t('tradeEditor.conditions')}</legend>
        <label>
          {t('tradeEditor.hsPrefixes')} <input name="hs" dir="ltr" placeholder={t('tradeEditor.hsHint')} defaultValue={current?.when.hsPrefixes?.join(', ') ?? ''} aria-invalid={invalid('when.hsPrefixes')} />
        </label>
        <label>
          {t('tradeEditor.origins')} <input name="origins" dir="ltr" placeholder={t('tradeEditor.originsHint')} defaultValue={current?.when.origins?.join(', ') ?? ''} aria-invalid={invalid('when.origins')} />
        </label>
        <label>
          {t('tradeEditor.traders')} <input name="traders" dir="ltr" defaultValue={current?.when.traders?.join(', ') ?? ''} />
        </label>
        <label>
          {t('tradeEditor.exitPoint')}{' '}
          <select name="exitPoint" defaultValue={current?.when.exitPoints?.[0] ?? ''}>
            <option value="">{t('tradeEditor.anyPoint')}</option>
            {points.map((p) => (
              <option key={p.unitId} value={p.unitId}>
                {p.name[loc.lang] ?? p.name.en}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tradeEditor.valueMin')} <input name="min" type="number" min="0" step="any" dir="ltr" defaultValue={current?.when.valuePerKgUsd?.min ?? ''} aria-invalid={invalid('when.valuePerKgUsd')} />
        </label>
        <label>
          {t('tradeEditor.valueMax')} <input name="max" type="number" min="0" step="any" dir="ltr" defaultValue={current?.when.valuePerKgUsd?.max ?? ''} aria-invalid={invalid('when.valuePerKgUsd')} />
        </label>
        <label>
          <input name="watchlist" type="checkbox" defaultChecked={current?.when.watchlistHit === true} /> {t('tradeEditor.watchlist')}
        </label>
      </fieldset>
      <label>
        <input name="active" type="checkbox" defaultChecked={current?.active ?? true} /> {t('tradeEditor.active')}
      </label>
      <div className="editor-actions">
        <button type="submit" data-testid="rule-save">
          {t('tradeEditor.save')}
        </button>
        <button type="button" onClick={() => setEditing(null)}>
          {t('tradeEditor.cancel')}
        </button>
      </div>
    </form>
  );

  return (
    <section aria-labelledby="rules-h" className="trade-editor" data-testid="rules-editor">
      <h2 id="rules-h">{t('tradeEditor.rulesTitle')}</h2>
      <p className="muted">{t('tradeEditor.rulesIntro')}</p>
      {error !== null && <ErrorMessage error={error} testId="rule-error" labels={labels} />}
      {saved && (
        <p className="ok" role="status" data-testid="rule-saved">
          {t('tradeEditor.saved')}
        </p>
      )}
      {editing === null && (
        <button type="button" data-testid="rule-new" onClick={() => (setEditing('new'), setSaved(false))}>
          {t('tradeEditor.newRule')}
        </button>
      )}
      {editing === 'new' && form(null)}
      {rules && rules.length === 0 && <p>{t('tradeEditor.noRules')}</p>}
      {rules && rules.length > 0 && (
        <table className="data-table" data-testid="rules">
          <thead>
            <tr>
              <th>{t('tradeEditor.name')}</th>
              <th>{t('tradeEditor.conditions')}</th>
              <th>{t('tradeEditor.lane')}</th>
              <th>{t('tradeEditor.rateShort')}</th>
              <th>{t('tradeEditor.active')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} data-testid="rule-row" data-rule-id={r.id} data-active={r.active ? 'true' : 'false'} className={r.active ? undefined : 'inactive'}>
                <td>{r.name}</td>
                <td>{editing !== null && editing !== 'new' && editing.id === r.id ? form(r) : summary(r)}</td>
                <td>
                  <span className={`lane-badge lane-${r.lane}`}>{t(`trade.lanes.${r.lane}`)}</span>
                </td>
                <td>{formatNumber((r.rate ?? 1) * 100, loc.lang, 2)} %</td>
                <td>{r.active ? t('tradeEditor.active') : t('tradeEditor.inactive')}</td>
                <td className="editor-actions">
                  <button type="button" data-testid="rule-edit" onClick={() => (setEditing(r), setSaved(false))}>
                    {t('tradeEditor.edit')}
                  </button>
                  <button type="button" data-testid="rule-toggle" onClick={() => void store({ ...r, active: !r.active }, false)}>
                    {r.active ? t('tradeEditor.disable') : t('tradeEditor.enable')}
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
