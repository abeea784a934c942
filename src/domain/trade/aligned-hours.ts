import { WEEKDAYS, type CrossingPointBody } from './crossing-point.ts';

/**
 * Aligned hours (WTO TFA Art. 8.2(a)): when are BOTH ends of a crossing open? Each side keeps
 * local hours at a fixed UTC offset (Tajikistan UTC+5, Afghanistan UTC+4:30, neither with daylight
 * saving) and its own weekly days (the Afghan side closes on Friday, the Tajik one on Sunday),
 * so the week is laid out in UTC: minutes from Monday 00:00 UTC, 0 … 10 080. A local day that
 * starts before Monday 00:00 UTC wraps to the end of the week. Holidays and closed dates are
 * not weekly and are left out: this is the regular week.
 */
export type Weekday = (typeof WEEKDAYS)[number];
export type WeeklyProfile = Pick<CrossingPointBody, 'utcOffsetMinutes' | 'hours'>;

/** [from, to) in minutes from Monday 00:00 UTC. */
export interface Interval {
  from: number;
  to: number;
}
/** One band inside one UTC day: from/to as HH:MM UTC (to may be 24:00). */
export interface DaySegment {
  day: Weekday;
  from: string;
  to: string;
  minutes: number;
}
export interface AlignedHours {
  /** Minutes a week: each side open, both open, one open while the other is closed. */
  minutes: { a: number; b: number; both: number; aOnly: number; bOnly: number };
  /** Share of each side's open time during which the other side is open too (0–1; null if never open). */
  alignedShare: { a: number | null; b: number | null };
  /** The bands by UTC day, for the week chart and the tables. */
  a: DaySegment[];
  b: DaySegment[];
  both: DaySegment[];
  aOnly: DaySegment[];
  bOnly: DaySegment[];
  /** Minutes both sides are open, per UTC weekday (all seven, Monday first). */
  perDay: { day: Weekday; minutes: number }[];
}

const DAY = 1440;
const WEEK = 7 * DAY;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Sorted, non-overlapping, touching bands joined. */
function merge(list: Interval[]): Interval[] {
  const sorted = [...list].filter((i) => i.to > i.from).sort((x, y) => x.from - y.from);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push({ ...i });
  }
  return out;
}

/** A side's open bands in the UTC week. */
export function openIntervalsUtc(p: WeeklyProfile): Interval[] {
  const out: Interval[] = [];
  WEEKDAYS.forEach((day, i) => {
    const h = p.hours[day];
    if (!h) return;
    // Local wall-clock minus the offset is UTC; then fold into [0, WEEK).
    let from = i * DAY + toMinutes(h.open) - p.utcOffsetMinutes;
    from = ((from % WEEK) + WEEK) % WEEK;
    const to = from + (toMinutes(h.close) - toMinutes(h.open));
    if (to <= WEEK) out.push({ from, to });
    else out.push({ from, to: WEEK }, { from: 0, to: to - WEEK });
  });
  return merge(out);
}

export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) for (const y of b) {
    const from = Math.max(x.from, y.from);
    const to = Math.min(x.to, y.to);
    if (to > from) out.push({ from, to });
  }
  return merge(out);
}

/** a minus b. */
export function subtract(a: Interval[], b: Interval[]): Interval[] {
  let rest = merge(a);
  for (const y of b) {
    rest = rest.flatMap((x) => {
      if (y.to <= x.from || y.from >= x.to) return [x];
      const parts: Interval[] = [];
      if (y.from > x.from) parts.push({ from: x.from, to: y.from });
      if (y.to < x.to) parts.push({ from: y.to, to: x.to });
      return parts;
    });
  }
  return rest;
}

const total = (list: Interval[]) => list.reduce((s, i) => s + i.to - i.from, 0);
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Bands cut at UTC midnights: one segment per day touched. */
export function byDay(list: Interval[]): DaySegment[] {
  const out: DaySegment[] = [];
  for (const i of list) {
    for (let start = i.from; start < i.to; ) {
      const d = Math.floor(start / DAY);
      const end = Math.min(i.to, (d + 1) * DAY);
      out.push({ day: WEEKDAYS[d]!, from: clock(start - d * DAY), to: clock(end - d * DAY), minutes: end - start });
      start = end;
    }
  }
  return out;
}

/** The aligned week of two facing crossing points (a: this side, b: the other bank). */
export function alignedHours(a: WeeklyProfile, b: WeeklyProfile): AlignedHours {
  const ia = openIntervalsUtc(a);
  const ib = openIntervalsUtc(b);
  const both = intersect(ia, ib);
  const aOnly = subtract(ia, ib);
  const bOnly = subtract(ib, ia);
  const minutes = { a: total(ia), b: total(ib), both: total(both), aOnly: total(aOnly), bOnly: total(bOnly) };
  const bothByDay = byDay(both);
  return {
    minutes,
    alignedShare: { a: minutes.a ? minutes.both / minutes.a : null, b: minutes.b ? minutes.both / minutes.b : null },
    a: byDay(ia),
    b: byDay(ib),
    both: bothByDay,
    aOnly: byDay(aOnly),
    bOnly: byDay(bOnly),
    perDay: WEEKDAYS.map((day) => ({ day, minutes: bothByDay.filter((s) => s.day === day).reduce((s, x) => s + x.minutes, 0) })),
  };
}
