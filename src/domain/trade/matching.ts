import { z } from 'zod';
import { hsChapter, normalizeHsCode } from './hs.ts';
import { totalGrossMassKg, totalValueUsd, USD_PER, type DeclarationBody } from './declaration.ts';

/** What the officer found when the truck arrived (weighbridge, seals, goods, invoice). */
export const arrivalObservationSchema = z
  .object({
    plate: z.string().trim().min(2).max(20),
    grossMassKg: z.number().positive().max(1e7),
    seals: z.array(z.string().trim().min(1).max(40)).max(50),
    /** HS codes of the goods found (at least the chapter); empty when not checked. */
    hsCodesFound: z.array(z.string().regex(/^\d{2,10}$/)).max(100).default([]),
    /** Invoice value found, USD; null when not checked. */
    valueUsd: z.number().nonnegative().nullable().default(null),
  })
  .strict();
export type ArrivalObservation = z.output<typeof arrivalObservationSchema>;

export const DISCREPANCY_KINDS = ['vehicle', 'weight', 'seals', 'hs_chapter', 'value'] as const;
export interface Discrepancy {
  kind: (typeof DISCREPANCY_KINDS)[number];
  declared: string;
  found: string;
  message: string;
}

export interface MatchTolerances {
  /** Relative difference of gross mass accepted (weighbridges and packaging differ). */
  weight: number;
  /** Relative difference of value accepted. */
  value: number;
}
export const DEFAULT_TOLERANCES: MatchTolerances = { weight: 0.05, value: 0.2 };

const plateKey = (p: string) => p.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Compares the pre-arrival declaration with what arrived; an empty list is a clean match. */
export function matchArrival(d: DeclarationBody, seen: ArrivalObservation, tol: MatchTolerances = DEFAULT_TOLERANCES): Discrepancy[] {
  const out: Discrepancy[] = [];
  if (plateKey(d.vehicle.plate) !== plateKey(seen.plate)) {
    out.push({ kind: 'vehicle', declared: d.vehicle.plate, found: seen.plate, message: 'the vehicle is not the one declared' });
  }
  const declaredMass = totalGrossMassKg(d);
  if (Math.abs(seen.grossMassKg - declaredMass) > tol.weight * declaredMass) {
    const pct = ((seen.grossMassKg - declaredMass) / declaredMass) * 100;
    out.push({ kind: 'weight', declared: `${declaredMass} kg`, found: `${seen.grossMassKg} kg`, message: `gross mass differs by ${pct.toFixed(1)} % (tolerance ${tol.weight * 100} %)` });
  }
  const declaredSeals = [...d.seals].sort();
  const foundSeals = [...seen.seals].sort();
  if (declaredSeals.join('|') !== foundSeals.join('|')) {
    const missing = declaredSeals.filter((s) => !foundSeals.includes(s));
    const extra = foundSeals.filter((s) => !declaredSeals.includes(s));
    out.push({ kind: 'seals', declared: declaredSeals.join(', ') || '—', found: foundSeals.join(', ') || '—', message: `seals missing: ${missing.join(', ') || 'none'}; unexpected: ${extra.join(', ') || 'none'}` });
  }
  if (seen.hsCodesFound.length > 0) {
    const declared = new Set(d.items.map((i) => hsChapter(i.hsCode)));
    const foreign = [...new Set(seen.hsCodesFound.map((c) => normalizeHsCode(c).slice(0, 2)))].filter((ch) => !declared.has(ch));
    if (foreign.length > 0) {
      out.push({ kind: 'hs_chapter', declared: [...declared].join(', '), found: seen.hsCodesFound.join(', '), message: `goods of chapter ${foreign.join(', ')} were not declared` });
    }
  }
  const declaredValue = totalValueUsd(d, USD_PER);
  if (seen.valueUsd !== null && declaredValue !== null && declaredValue > 0 && Math.abs(seen.valueUsd - declaredValue) > tol.value * declaredValue) {
    out.push({ kind: 'value', declared: `${declaredValue.toFixed(0)} USD`, found: `${seen.valueUsd.toFixed(0)} USD`, message: `value differs by more than ${tol.value * 100} %` });
  }
  return out;
}
