import { z } from 'zod';

/** Traffic Light Protocol 2.0 labels, least to most restrictive. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

const stateCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/);

export const markingSchema = z
  .object({
    tlp: z.enum(TLP_LEVELS),
    /** Who beyond the owner may receive it: states, agencies, units (ids). */
    releasableTo: z
      .object({
        states: z.array(stateCode).max(20).default([]),
        agencies: z.array(id).max(50).default([]),
        units: z.array(id).max(100).default([]),
      })
      .strict()
      .default({ states: [], agencies: [], units: [] }),
    /** Onward-sharing limit: how many federation hops the record may travel. */
    hops: z.number().int().min(0).max(5).default(1),
  })
  .strict();

export type Marking = z.output<typeof markingSchema>;

export const CLEAR_MARKING: Marking = {
  tlp: 'CLEAR',
  releasableTo: { states: [], agencies: [], units: [] },
  hops: 5,
};

export function tlpRank(tlp: Tlp): number {
  return TLP_LEVELS.indexOf(tlp);
}
