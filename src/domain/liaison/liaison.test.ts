import { describe, expect, it } from 'vitest';
import { median, percentile, renderMessage, rfiStatus, type MessageBody, type MessageLike } from './liaison.ts';
import { TEMPLATES } from './templates.ts';

const base: MessageBody = { channelId: '00000000-0000-4000-8000-000000000001', kind: 'rfi', templateId: 'rfi_person', fields: { person: 'Абдулло Каримов' }, freeText: null, lang: 'tg', rfi: { deadline: '2026-12-02T12:00:00.000Z', priority: 'routine' }, replyTo: null, sentAt: '2026-12-01T12:00:00.000Z', author: { name: 'A', unitRef: 'tj-blo-panji-poyon' } };
const rfi: MessageLike = { id: 'r1', ownerState: 'TJ', body: base };
const reply = (id: string, ownerState: string, kind: MessageBody['kind'], sentAt: string): MessageLike => ({ id, ownerState, body: { ...base, kind, templateId: null, fields: {}, rfi: null, replyTo: 'r1', sentAt } });

describe('templates', () => {
  it('every template has its title, text and field labels in all five languages, and every placeholder is a field', () => {
    for (const t of TEMPLATES) {
      for (const lang of ['en', 'ru', 'tg', 'fa', 'ps'] as const) {
        expect(t.title[lang], `${t.id} ${lang}`).toBeTruthy();
        const placeholders = [...t.text[lang].matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(new Set(placeholders), `${t.id} ${lang}`).toEqual(new Set(t.fields.map((f) => f.key)));
        for (const f of t.fields) expect(f.label[lang]).toBeTruthy();
      }
    }
  });
});

describe('renderMessage', () => {
  it('writes a Cyrillic name in Perso-Arabic for a Dari reader and keeps the original', () => {
    const r = renderMessage(base, 'fa');
    expect(r.title).toBe('درخواست معلومات در مورد یک شخص');
    const f = r.fields[0]!;
    expect(f.display).toMatch(/^[\u0600-\u06ff\u200c ]+$/);
    expect(f).toMatchObject({ value: 'Абдулло Каримов', transliterated: true });
    expect(r.text).toContain(f.display);
  });
  it('keeps free text as written and says it is untranslated', () => {
    expect(renderMessage({ ...base, freeText: 'Матн' }, 'en').freeText).toEqual({ text: 'Матн', lang: 'tg', untranslated: true });
  });
  it('an unknown template (a newer peer) shows its fields as sent', () => {
    const r = renderMessage({ ...base, templateId: 'future_kind', fields: { a: 'b' } }, 'ru');
    expect(r).toMatchObject({ title: null, text: null, fields: [{ key: 'a', display: 'b' }] });
  });
});

describe('rfiStatus', () => {
  const before = new Date('2026-12-02T06:00:00.000Z');
  const after = new Date('2026-12-03T00:00:00.000Z');
  it('open before the deadline, overdue after it without an answer', () => {
    expect(rfiStatus(rfi, [rfi], before)).toMatchObject({ state: 'open', overdue: false });
    expect(rfiStatus(rfi, [rfi], after)).toMatchObject({ state: 'overdue', overdue: true });
  });
  it('answered by the other side only; the time is the answer\'s; late answers are not on time', () => {
    const own = reply('a0', 'TJ', 'answer', '2026-12-01T13:00:00.000Z');
    expect(rfiStatus(rfi, [rfi, own], before).state).toBe('open');
    const answer = reply('a1', 'AF', 'answer', '2026-12-01T18:00:00.000Z');
    expect(rfiStatus(rfi, [rfi, answer], after)).toMatchObject({ state: 'answered', responseHours: 6, answeredOnTime: true, overdue: false, answerId: 'a1' });
    const late = reply('a2', 'AF', 'answer', '2026-12-02T18:00:00.000Z');
    expect(rfiStatus(rfi, [rfi, late], after)).toMatchObject({ state: 'answered', responseHours: 30, answeredOnTime: false });
  });
  it('closed only by the requesting side', () => {
    expect(rfiStatus(rfi, [rfi, reply('c1', 'AF', 'close', '2026-12-01T13:00:00.000Z')], before).state).toBe('open');
    expect(rfiStatus(rfi, [rfi, reply('c2', 'TJ', 'close', '2026-12-01T13:00:00.000Z')], after)).toMatchObject({ state: 'closed', overdue: true });
  });
});

describe('figures', () => {
  it('median and nearest-rank p90', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
  });
});
