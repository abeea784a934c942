/** Test fixtures for the events API. */

export const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** A report near Panji Poyon (Khatlon / Kunduz), on the Panj. */
export const report = (over: Record<string, unknown> = {}) => ({
  category: 'smuggling_narcotics',
  severity: 'high',
  occurredAt: hoursAgo(5),
  location: { lat: 37.215, lon: 68.62 },
  narrative: { text: 'Two men crossed the Panj by inner tube near the crossing point with 12 kg of hashish.', lang: 'en' },
  involved: { persons: [{ role: 'suspect', count: 2, nationality: 'AF' }], goods: [{ description: 'hashish', quantity: 12, unit: 'kg' }] },
  grading: { reliability: 'B', credibility: 2 },
  ...over,
});
