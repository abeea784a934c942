// Pieces shared by the meetings and joint-operations pages.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import type { ListAnswer, Unit } from '../../types.ts';
import { useLocale } from '../../util.ts';

export type UnitWithRef = Unit & { ref: string | null };

const OWN_CODES = ['MEETING_IN_PAST', 'END_BEFORE_START', 'ACTION_OWNER_REQUIRED', 'INVALID_AREA'] as const;

/** An API error, with this feature's own codes in the reader's language. */
export function FeatureError({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  const own = error instanceof ApiError && (OWN_CODES as readonly string[]).includes(error.serverCode ?? '') ? (error.serverCode as (typeof OWN_CODES)[number]) : null;
  return (
    <div data-server-code={own ?? undefined}>
      <ErrorMessage error={error} testId={testId} message={own ? t(`meetings.errors.${own}`) : undefined} />
    </div>
  );
}

/** The registry's units (both sides), loaded once per page. */
export function useUnits(): UnitWithRef[] {
  const [units, setUnits] = useState<UnitWithRef[]>([]);
  useEffect(() => {
    api.get<ListAnswer<UnitWithRef>>('/api/units').then((r) => setUnits(r.items), () => setUnits([]));
  }, []);
  return units;
}

/** Local unit of a participant or owner: by id on the node that wrote it, else by ref. */
export function findUnit(units: readonly UnitWithRef[], p: { unitId?: string; id?: string; unitRef: string | null }): UnitWithRef | undefined {
  return units.find((u) => u.id === (p.unitId ?? p.id)) ?? (p.unitRef ? units.find((u) => u.ref === p.unitRef) : undefined);
}

/** Checkboxes of the units that meet (BLOs, headquarters, posts, crossing points), grouped by state. */
export function UnitPicker({ units, selected, onChange, testId }: { units: readonly UnitWithRef[]; selected: string[]; onChange: (ids: string[]) => void; testId: string }) {
  const loc = useLocale();
  const states = [...new Set(units.map((u) => u.stateCode))].sort();
  const order = { blo: 0, headquarters: 1, border_post: 2, crossing_point: 3 } as Record<string, number>;
  return (
    <div className="unit-picker" data-testid={testId}>
      {states.map((s) => (
        <fieldset key={s}>
          <legend>{s}</legend>
          {units
            .filter((u) => u.stateCode === s)
            .sort((a, b) => (order[a.kind] ?? 9) - (order[b.kind] ?? 9) || loc.name(a.name).localeCompare(loc.name(b.name)))
            .map((u) => (
              <label key={u.id} className="check">
                <input
                  type="checkbox"
                  data-unit-ref={u.ref ?? undefined}
                  checked={selected.includes(u.id)}
                  onChange={(e) => onChange(e.target.checked ? [...selected, u.id] : selected.filter((x) => x !== u.id))}
                />
                {loc.name(u.name)}
              </label>
            ))}
        </fieldset>
      ))}
    </div>
  );
}
