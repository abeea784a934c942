import type { RecommendationInput } from '../../domain/partners/recommendation.ts';

/**
 * The 2012 Dushanbe conference's lessons and way-forward items (datasets/dushanbe-2012/, text
 * quoted in part) as tracked recommendations. Statuses, actions, owners, deadlines and evidence
 * are ILLUSTRATIVE demonstration data, not an official assessment.
 */
const MEETING = 'Japan–EU Conference on Tajikistan–Afghanistan Border Management and Cross-border Co-operation (Dushanbe)';
const DATE = '2012-02-29';
const SOURCE = 'Recommendation of the conference, 28–29 February 2012 (datasets/dushanbe-2012/recommendation.md)';
const base = { meeting: MEETING, meetingDate: DATE, source: SOURCE };

/** `d(months)`: a day `months` from today (negative: past), so the demo always has late and upcoming actions. */
export function dushanbeRecommendations(d: (months: number) => string): RecommendationInput[] {
  return [
    {
      ...base,
      ref: 'dushanbe-2012.lesson-1',
      kind: 'lesson',
      title: { en: 'Secure the border from both sides, based on information exchange', ru: 'Охрана границы с обеих сторон на основе обмена информацией' },
      text: 'Risk and border management requires securing the border from both sides, with an equal level of commitment, and is based on information exchange … efforts … should converge towards sharing information and intelligence between services, at all levels.',
      status: 'in_progress',
      actions: [
        { id: 'federated-exchange', text: 'Exchange alerts, events and warnings between the Tajik and Afghan nodes under a signed agreement', owner: 'TJ Border Troops / AF Border Police', deadline: d(-6), status: 'done', evidence: [{ text: 'Federation envelopes exchanged every month', url: null, indicator: 'information-exchanges', at: d(-5) }] },
        { id: 'community-reports', text: 'Open a community reporting channel at the border posts', owner: 'TJ Border Troops', deadline: d(-2), status: 'in_progress', evidence: [] },
      ],
    },
    {
      ...base,
      ref: 'dushanbe-2012.lesson-2',
      kind: 'lesson',
      title: { en: 'Enhance cross-border co-operation: joint operations and BLO meetings', ru: 'Расширение трансграничного сотрудничества: совместные операции и встречи ПОПС' },
      text: 'Increased cross-border co-operation is essential at all levels … through the implementation of joint operations involving related services … more meetings between high-ranking officials, supported by operational meetings at Border Liaison Offices.',
      status: 'in_progress',
      actions: [
        { id: 'blo-monthly', text: 'Hold a monthly operational meeting at each Border Liaison Office pair', owner: 'BLO Panji Poyon / Sher Khan Bandar', deadline: d(-3), status: 'in_progress', evidence: [] },
        { id: 'joint-operation', text: 'Plan one joint counter-narcotics operation per quarter on the Panj', owner: 'TJ Drug Control Agency / AF Counter-Narcotics Police', deadline: d(2), status: 'planned', evidence: [] },
        { id: 'seizure-reporting', text: 'Report seizures to UNODC in the common format', owner: 'TJ Drug Control Agency', deadline: d(-8), status: 'done', evidence: [{ text: 'Seizure statistics exported monthly', url: null, indicator: 'seizures-kg', at: d(-7) }] },
      ],
    },
    {
      ...base,
      ref: 'dushanbe-2012.lesson-3',
      kind: 'lesson',
      title: { en: 'Legitimate trade and transit: skills, control systems, modern equipment, infrastructure', ru: 'Законная торговля и транзит: кадры, системы контроля, современное оборудование, инфраструктура' },
      text: 'Increased skills and capacities of border and customs services’ human resources, as well as enhanced control systems, modern equipment (no helicopters are available for border management on either side of the Tajik-Afghan border) and upgraded infrastructure.',
      status: 'late',
      actions: [
        { id: 'training-plan', text: 'Train border and customs officers of both sides every quarter (partners’ courses)', owner: 'OSCE Border Management Staff College', deadline: d(4), status: 'in_progress', evidence: [{ text: 'Trainings delivered and people trained', url: null, indicator: 'trainings-delivered', at: d(-1) }] },
        { id: 'helicopter', text: 'Find a partner for a border-management helicopter (none on either side)', owner: 'TJ Border Troops with partners', deadline: d(-10), status: 'planned', evidence: [] },
        { id: 'crossing-times', text: 'Measure crossing times at the main crossing points (WCO TRS) and cut them', owner: 'TJ Customs Service / AF Customs Department', deadline: d(6), status: 'in_progress', evidence: [{ text: 'Median crossing time per month', url: null, indicator: 'crossing-time-median-hours', at: d(-1) }] },
      ],
    },
    {
      ...base,
      ref: 'dushanbe-2012.way-forward-1',
      kind: 'way_forward',
      title: { en: 'Report to the Japan–EU Senior Officials’ Meeting', ru: 'Доклад совещанию старших должностных лиц Японии и ЕС' },
      text: 'These recommendations will be reported to the next Japan-EU Senior Officials’ Meeting, which oversees progress in Japan-EU bilateral relations.',
      status: 'in_progress',
      actions: [{ id: 'progress-report', text: 'Send the progress report before each Senior Officials’ Meeting', owner: 'Liaison officers', deadline: d(1), status: 'in_progress', evidence: [] }],
    },
    {
      ...base,
      ref: 'dushanbe-2012.way-forward-2',
      kind: 'way_forward',
      title: { en: 'Continued political commitment by Japan and the EU', ru: 'Неизменная политическая приверженность Японии и ЕС' },
      text: 'Continued political commitment by Japan and the EU for social welfare, economic development and political reforms in Central Asia.',
      status: 'in_progress',
      actions: [],
    },
    {
      ...base,
      ref: 'dushanbe-2012.way-forward-3',
      kind: 'way_forward',
      title: { en: 'Participate in the CABSI Ministerial Conference (Vienna, April 2012)', ru: 'Участие в министерской конференции CABSI (Вена, апрель 2012)' },
      text: 'Japan and the EU will participate to the Ministerial Conference of the Central Asia Border Security Initiative (CABSI) scheduled for 16 and 17 April 2012 and convened in Vienna (Austria).',
      status: 'done',
      actions: [{ id: 'cabsi-2012', text: 'Attend CABSI, Vienna, 16–17 April 2012', owner: 'Japan; EU', deadline: '2012-04-17', status: 'done', evidence: [{ text: 'CABSI ministerial conference held in Vienna', url: null, indicator: null, at: '2012-04-17' }] }],
    },
    {
      ...base,
      ref: 'dushanbe-2012.way-forward-4',
      kind: 'way_forward',
      title: { en: 'Hold another conference of this kind', ru: 'Провести ещё одну конференцию такого рода' },
      text: 'Japan and the EU could envisage holding another conference of this kind in the coming years.',
      status: 'not_started',
      actions: [{ id: 'next-conference', text: 'Agree a date and host for the next conference', owner: 'Japan; EU', deadline: d(-1), status: 'planned', evidence: [] }],
    },
  ];
}
