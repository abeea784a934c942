import { z } from 'zod';

/**
 * A transit operation after eTIR (UNECE, TIR Convention Annex 11): the holder's guarantee is
 * registered, advance data sent, the transit declared and accepted; the operation starts at
 * the customs office of departure, is terminated at each office of exit/entry or destination,
 * and the guarantee is discharged once customs confirm the termination. A transit not
 * terminated within its time limit is overdue: both sides are alerted.
 */
export const TRANSIT_STATUSES = ['declared', 'started', 'terminated', 'discharged', 'cancelled'] as const;
export type TransitStatus = (typeof TRANSIT_STATUSES)[number];

export const transitBodySchema = z
  .object({
    ref: z.string().trim().min(3).max(60),
    /** The declaration (record id) this transit carries the goods of. */
    declarationId: z.uuid().nullable(),
    guarantee: z
      .object({
        /** TIR Carnet / guarantee reference, issued by the guaranteeing association (e.g. IRU chain). */
        reference: z.string().trim().min(3).max(60),
        issuer: z.string().trim().min(2).max(200),
        amountUsd: z.number().positive().max(1e9),
      })
      .strict(),
    holder: z.object({ name: z.string().trim().min(2).max(200), id: z.string().trim().min(2).max(40), country: z.string().regex(/^[A-Z]{2}$/) }).strict(),
    vehiclePlate: z.string().trim().min(2).max(20),
    seals: z.array(z.string().trim().min(1).max(40)).max(50),
    departureOffice: z.string().trim().min(2).max(100),
    /** Crossing points (unit ids) on the itinerary, in order. */
    crossingPointIds: z.array(z.uuid()).min(1).max(10),
    destinationOffice: z.string().trim().min(2).max(100),
    /** Advance data received by the other side's customs (the record itself is the advance data). */
    advanceDataAt: z.iso.datetime({ offset: true }),
    /** How long the carrier has from the start to the termination, hours. */
    timeLimitHours: z.number().positive().max(24 * 60),
    status: z.enum(TRANSIT_STATUSES),
    startedAt: z.iso.datetime({ offset: true }).nullable(),
    terminatedAt: z.iso.datetime({ offset: true }).nullable(),
    terminatedAtPointId: z.uuid().nullable(),
    dischargedAt: z.iso.datetime({ offset: true }).nullable(),
    /** Set when the owner's check found the transit overdue; the alert both sides see. */
    overdueSince: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();
export type TransitBody = z.output<typeof transitBodySchema>;

const NEXT: Record<TransitStatus, TransitStatus[]> = {
  declared: ['started', 'cancelled'],
  started: ['terminated'],
  terminated: ['discharged'],
  discharged: [],
  cancelled: [],
};
export const canMove = (from: TransitStatus, to: TransitStatus) => NEXT[from].includes(to);

/** The instant by which a started transit must be terminated. */
export function dueAt(t: Pick<TransitBody, 'startedAt' | 'timeLimitHours'>): Date | null {
  return t.startedAt ? new Date(new Date(t.startedAt).getTime() + t.timeLimitHours * 3_600_000) : null;
}

/** Started, not terminated, and past its time limit. */
export function isOverdue(t: Pick<TransitBody, 'status' | 'startedAt' | 'timeLimitHours'>, now: Date): boolean {
  const due = dueAt(t);
  return t.status === 'started' && due !== null && now.getTime() > due.getTime();
}
