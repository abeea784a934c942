import { capAlertSchema, type CapAlert } from './cap.ts';

/** A CAP message with every kind of field filled, for tests (three languages, polygon and circle). */
export function sampleCap(over: Partial<CapAlert> = {}): CapAlert {
  return capAlertSchema.parse({
    identifier: 'TJ-CoES-2026-0412-001',
    sender: 'warnings@coes.tj',
    sent: '2026-04-12T06:00:00+05:00',
    status: 'Actual',
    msgType: 'Alert',
    source: 'Committee of Emergency Situations, Khorog',
    scope: 'Public',
    code: ['sarhad'],
    note: 'Levels from the Khorog gauge',
    info: [
      {
        language: 'en',
        category: ['Met', 'Geo'],
        event: 'Flood',
        responseType: ['Evacuate', 'Monitor'],
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Likely',
        eventCode: [{ valueName: 'SARHAD', value: 'flood' }],
        effective: '2026-04-12T06:00:00+05:00',
        onset: '2026-04-12T12:00:00+05:00',
        expires: '2026-04-14T06:00:00+05:00',
        senderName: 'CoES GBAO',
        headline: 'Panj in flood below Khorog — river roads & bridges <closed>',
        description: 'The Panj rose 1.2 m overnight.',
        instruction: 'Move livestock and people away from the river bank.',
        web: 'https://coes.tj/warnings/1',
        contact: '+992 35 222 0000',
        parameter: [{ valueName: 'gauge', value: 'Khorog' }],
        area: [
          {
            areaDesc: 'Panj valley, Khorog to Ishkashim',
            polygon: [[[37.5, 71.5], [37.5, 71.7], [36.7, 71.7], [36.7, 71.5], [37.5, 71.5]]],
            circle: [{ center: [37.49, 71.55], radiusKm: 10 }],
            geocode: [{ valueName: 'ISO3166-2', value: 'TJ-GB' }],
            altitude: 2000,
            ceiling: 3500.5,
          },
        ],
      },
      { language: 'ru', category: ['Met'], event: 'Паводок', urgency: 'Immediate', severity: 'Severe', certainty: 'Likely', headline: 'Паводок на Пяндже', area: [{ areaDesc: 'Долина Пянджа', circle: [{ center: [37.49, 71.55], radiusKm: 10 }] }] },
      { language: 'fa', category: ['Met'], event: 'سیلاب', urgency: 'Immediate', severity: 'Severe', certainty: 'Likely', headline: 'سیلاب در دریای پنج', area: [{ areaDesc: 'وادی پنج', circle: [{ center: [37.49, 71.55], radiusKm: 10 }] }] },
    ],
    ...over,
  });
}
