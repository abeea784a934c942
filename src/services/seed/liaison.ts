import type { ChannelBody, MessageBody, Priority } from '../../domain/liaison/liaison.ts';
import type { Locale } from '../../domain/policy/roles.ts';
import type { Marking } from '../../domain/records/marking.ts';
import type { RecordOwner } from '../../domain/records/record.ts';
import { idsByRef, listRecords, saveNewRecordsBulk } from '../../store/records.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { prng, stableUuid } from './random.ts';

/**
 * Half a year of liaison between the posts facing each other, the Border Liaison Offices and
 * the headquarters (docs/liaison.md), so the channels and the co-operation dashboard are alive
 * at first start. Both sides' records are written on this node, owned by each side's agency
 * and unit — as the demo's Afghan liaison officer does when he works on this node — so every
 * side owns only what it wrote, and the derived states (answered, overdue) come out as they
 * would between two nodes. Ids derive from the node: seeding again adds nothing.
 *
 * Seeded on the Tajik node only: in `sarhad demo --federation` the Afghan node receives the
 * channels and messages over the federation (and answers with records of its own), instead of
 * holding a second, unrelated copy of the same half year.
 */
const CHANNELS: { ref: string; kind: ChannelBody['kind']; title: string; tj: string[]; af: string[]; owner: 'TJ' | 'AF'; procedures: string }[] = [
  {
    ref: 'blo-panji-poyon',
    kind: 'blo',
    title: 'BLO Panji Poyon – Sher Khan Bandar',
    tj: ['tj-blo-panji-poyon'],
    af: ['af-blo-sher-khan-bandar'],
    owner: 'TJ',
    procedures: 'Working hours 08:00–17:00 Dushanbe time (07:30–16:30 Kabul). Urgent matters by HF radio, call sign PANJ-1 / SHERKHAN-1.\nHandover of detained persons: bridge checkpoint, middle of the bridge, both BLO chiefs present, protocol in two languages.\nRFIs answered within 48 h; urgent ones within 6 h.\nMonthly BLO meeting on the first Tuesday, alternating sides.',
  },
  {
    ref: 'blo-ishkashim',
    kind: 'blo',
    title: 'BLO Ishkashim – Ishkashim (Afghanistan)',
    tj: ['tj-blo-ishkashim', 'tj-post-namadgut'],
    af: ['af-blo-ishkashim-afghanistan'],
    owner: 'TJ',
    procedures: 'Saturday cross-border market: joint check at the bridge gate from 07:00. Medical emergencies across the bridge at any hour after a radio call (ISH-1 / ISH-A).\nRFIs within 72 h (satellite link only on the Afghan side).',
  },
  {
    ref: 'blo-ruzvai-nusay',
    kind: 'blo',
    title: 'BLO Ruzvai – Nusay',
    tj: ['tj-blo-ruzvai'],
    af: ['af-blo-nusay'],
    owner: 'AF',
    procedures: 'Contact by phone at 09:00 daily. Road closures (avalanche, rockfall) are notified at once by hazard warning.',
  },
  {
    ref: 'blo-tem-demogan',
    kind: 'blo',
    title: 'BLO Tem – Demogan',
    tj: ['tj-blo-tem', 'tj-post-andarob'],
    af: ['af-blo-demogan', 'af-post-shighnan'],
    owner: 'TJ',
    procedures: 'Khorog bridge: joint patrol of the river bank on request, 24 h notice.',
  },
  {
    ref: 'posts-panj-dasht-e-archi',
    kind: 'post_to_post',
    title: 'Panj post – Dasht-e Archi post',
    tj: ['tj-post-panj'],
    af: ['af-post-dasht-e-archi'],
    owner: 'TJ',
    procedures: 'Flag signals at the river by day, radio channel 4 by night. Incidents on the river notified within 1 h.',
  },
  {
    ref: 'posts-vrang-khandud',
    kind: 'post_to_post',
    title: 'Vrang post – Khandud post',
    tj: ['tj-post-vrang'],
    af: ['af-post-khandud'],
    owner: 'AF',
    procedures: 'Wakhan: livestock crossing the river is returned at the Vrang ford; notify by radio.',
  },
  {
    ref: 'hq-dushanbe-kabul',
    kind: 'headquarters',
    title: 'Headquarters Dushanbe / Khorog – Kabul / Kunduz / Faizabad',
    tj: ['tj-hq-dushanbe', 'tj-hq-khorog'],
    af: ['af-hq-kabul', 'af-hq-kunduz', 'af-hq-faizabad'],
    owner: 'TJ',
    procedures: 'Quarterly review of BLO figures. Requests escalated from a BLO after 7 days without answer.',
  },
];

const AUTHORS: Record<'TJ' | 'AF', { name: string; lang: Locale }[]> = {
  TJ: [
    { name: 'Jamshed Sharipov', lang: 'tg' },
    { name: 'Sorbon Nazarov', lang: 'tg' },
    { name: 'Farrukh Nazarov', lang: 'ru' },
  ],
  AF: [
    { name: 'Ahmad Zia Rahimi', lang: 'fa' },
    { name: 'Mohammad Nasim Haidari', lang: 'fa' },
    { name: 'Gul Agha Stanikzai', lang: 'ps' },
  ],
};

const TJ_PERSONS = ['Ҷамшед Раҳмонов', 'Фаррух Назаров', 'Абдулло Каримов', 'Шерали Саидов', 'Бахтиёр Одинаев', 'Рустам Сафаров'];
const AF_PERSONS = ['محمد کریم', 'عبدالله رحیمی', 'احمد شاه نوری', 'گل محمد صافی', 'نصیر احمد'];
const PLATES = ['01 ТТ 4471', '03 АБ 1290', 'KDZ 4-2231', 'BLK 7-0902', '02 ТТ 8812'];
const ANSWERS: Record<Locale, string[]> = {
  en: ['Checked: no record of crossings in the last year.', 'Known to us: detained in March for smuggling fuel, released on bail.'],
  ru: ['Проверено: пересечений за последний год не зафиксировано.', 'Известен: задержан в марте за контрабанду топлива, освобождён под залог.'],
  tg: ['Санҷида шуд: дар як соли охир убур ба қайд гирифта нашудааст.', 'Маълум аст: моҳи март барои қочоқи сӯзишворӣ боздошт шуда, бо кафолат озод шудааст.', 'Мошин ба ширкати боркашонии Бохтар тааллуқ дорад; ҳуҷҷатҳо дурустанд.'],
  fa: ['بررسی شد: در یک سال گذشته هیچ عبوری ثبت نشده است.', 'این شخص برای ما شناخته‌شده است: در ماه حمل به اتهام قاچاق تیل بازداشت و با ضمانت رها شد.', 'موتر مربوط به یک شرکت ترانسپورتی در کندز است؛ اسناد درست است.'],
  ps: ['وکتل شو: په تېر کال کې هېڅ تېرېدنه نه ده ثبت شوې.', 'دا کس موږ ته پېژندل شوی دی.'],
};
const PLACES = ['Panj river, km 12', 'bridge checkpoint', 'ford near the post', 'market gate'];
const HAZARDS = ['Mudflow', 'High water on the Panj', 'Avalanche risk on the road', 'Rockfall'];
const TOPICS = ['Spring flood preparedness', 'Handover procedure review', 'Market day security', 'Joint patrol plan'];
const INCIDENTS = ['Three persons attempted to cross the river by inflatable boat; turned back.', 'Shots heard from the island, no casualties.', 'Fuel canisters found on the bank.'];

function seedId(ctx: AppContext, name: string): string {
  return stableUuid(`${ctx.node.id}|liaison|${name}`);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Side = 'TJ' | 'AF';
type Item = { id: string; body: MessageBody; marking: Marking; side: Side; unitRef: string };

export interface LiaisonSeedSummary {
  channels: number;
  messages: number;
}

export async function seedLiaison(ctx: AppContext, now = new Date()): Promise<LiaisonSeedSummary> {
  const units = await idsByRef(ctx.db.kysely, 'unit');
  const agencies = await idsByRef(ctx.db.kysely, 'agency');
  const agencyOf: Record<Side, string | null> = { TJ: agencies.get('tj-border-troops') ?? null, AF: agencies.get('af-border-police') ?? null };
  const states = new Set((await listRecords(ctx.db.kysely, 'state')).map((s) => s.body.code));
  if (ctx.node.stateCode !== 'TJ' || !states.has('AF') || !agencyOf.TJ || !agencyOf.AF) return { channels: 0, messages: 0 };
  const ownerOf = (side: Side, unitRef: string): RecordOwner => ({ node: ctx.node.id, state: side, agencyId: agencyOf[side], unitId: units.get(unitRef) ?? null });
  const other = (s: Side): Side => (s === 'TJ' ? 'AF' : 'TJ');
  const markingFor = (owner: Side): Marking => ({ tlp: 'AMBER', releasableTo: { states: [other(owner)], agencies: [], units: [] }, hops: 1 });
  const rand = prng(20_261_202);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

  const channels: { id: string; body: ChannelBody; owner: RecordOwner; marking: Marking }[] = [];
  const items: Item[] = [];
  for (const c of CHANNELS) {
    if (![...c.tj, ...c.af].every((ref) => units.has(ref))) continue;
    const id = seedId(ctx, `channel|${c.ref}`);
    const contacts = [
      { state: 'TJ', unitRef: c.tj[0]!, name: AUTHORS.TJ[0]!.name, position: c.kind === 'headquarters' ? 'Head of international co-operation' : 'Liaison officer', phone: '+992 93 555 01 12', radio: c.kind === 'post_to_post' ? 'channel 4' : 'HF 7.055 MHz', languages: ['tg', 'ru'] as Locale[] },
      { state: 'AF', unitRef: c.af[0]!, name: AUTHORS.AF[0]!.name, position: c.kind === 'headquarters' ? 'Director of border co-operation' : 'Liaison officer', phone: '+93 79 555 0412', radio: c.kind === 'post_to_post' ? 'channel 4' : 'HF 7.055 MHz', languages: ['fa', 'ps'] as Locale[] },
    ];
    const body: ChannelBody = { ref: c.ref, title: c.title, kind: c.kind, members: [...c.tj.map((unitRef) => ({ state: 'TJ', unitRef })), ...c.af.map((unitRef) => ({ state: 'AF', unitRef }))], procedures: c.procedures, contacts };
    channels.push({ id, body, owner: ownerOf(c.owner, c.owner === 'TJ' ? c.tj[0]! : c.af[0]!), marking: markingFor(c.owner) });

    // About one exchange every four days per channel over 182 days, RFIs from both sides.
    let n = 0;
    for (let t = now.getTime() - 182 * DAY + rand() * 3 * DAY; t < now.getTime() - 2 * HOUR; t += (2 + rand() * 5) * DAY) {
      n += 1;
      const side: Side = rand() < 0.55 ? 'TJ' : 'AF';
      const unitRef = pick(side === 'TJ' ? c.tj : c.af);
      const author = pick(AUTHORS[side]);
      const base = { channelId: id, replyTo: null, lang: author.lang, author: { name: author.name, unitRef } };
      const msgId = seedId(ctx, `msg|${c.ref}|${n}`);
      const sentAt = new Date(t).toISOString();
      const roll = rand();
      if (roll < 0.55) {
        const person = rand() < 0.6;
        const priority: Priority = rand() < 0.15 ? 'urgent' : rand() < 0.4 ? 'priority' : 'routine';
        const allowHours = priority === 'urgent' ? 6 : priority === 'priority' ? 24 : 72;
        const deadline = new Date(t + allowHours * HOUR).toISOString();
        const fields: Record<string, string> = person
          ? { person: pick(side === 'TJ' ? TJ_PERSONS : AF_PERSONS), ...(rand() < 0.5 ? { birthDate: `19${70 + Math.floor(rand() * 30)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}` } : {}) }
          : { plate: pick(PLATES), vehicle: pick(['white Kamaz, blue tarpaulin', 'Toyota Corolla, grey', 'Howo truck, red cab']) };
        items.push({ id: msgId, side, unitRef, marking: markingFor(side), body: { ...base, kind: 'rfi', templateId: person ? 'rfi_person' : 'rfi_vehicle', fields, freeText: null, rfi: { deadline, priority }, sentAt } });
        // Most are answered (some late); the recent ones may still be open or overdue.
        const age = now.getTime() - t;
        const answered = age > 10 * DAY ? rand() < 0.88 : rand() < 0.5;
        if (answered) {
          const late = rand() < 0.2;
          const delay = (late ? allowHours * (1.2 + rand() * 2) : allowHours * (0.1 + rand() * 0.8)) * HOUR;
          if (t + delay < now.getTime()) {
            const answerer = pick(AUTHORS[other(side)]);
            const answerUnit = pick(other(side) === 'TJ' ? c.tj : c.af);
            items.push({ id: seedId(ctx, `answer|${c.ref}|${n}`), side: other(side), unitRef: answerUnit, marking: markingFor(other(side)), body: { channelId: id, kind: 'answer', templateId: null, fields: {}, freeText: pick(ANSWERS[answerer.lang]), lang: answerer.lang, rfi: null, replyTo: msgId, sentAt: new Date(t + delay).toISOString(), author: { name: answerer.name, unitRef: answerUnit } } });
            if (rand() < 0.6 && t + delay + 6 * HOUR < now.getTime()) {
              items.push({ id: seedId(ctx, `close|${c.ref}|${n}`), side, unitRef, marking: markingFor(side), body: { ...base, kind: 'close', templateId: null, fields: {}, freeText: null, rfi: null, replyTo: msgId, sentAt: new Date(t + delay + 6 * HOUR).toISOString() } });
            }
          }
        }
      } else {
        const kind = pick(['incident', 'hazard', 'meeting_request', 'handover_persons', 'handover_goods'] as const);
        const when = new Date(t + (kind === 'meeting_request' ? 7 : 1) * DAY).toISOString().slice(0, 16).replace('T', ' ');
        const fields: Record<string, string> =
          kind === 'incident' ? { place: pick(PLACES), when: sentAt.slice(0, 16).replace('T', ' '), what: pick(INCIDENTS) }
          : kind === 'hazard' ? { hazard: pick(HAZARDS), place: pick(PLACES), when, until: new Date(t + 3 * DAY).toISOString().slice(0, 10) }
          : kind === 'meeting_request' ? { place: 'BLO ' + c.title.split(' – ')[rand() < 0.5 ? 0 : 1]!.replace(/^BLO /, ''), when, topic: pick(TOPICS) }
          : kind === 'handover_persons' ? { count: String(1 + Math.floor(rand() * 4)), person: pick(side === 'TJ' ? AF_PERSONS : TJ_PERSONS), place: 'bridge checkpoint', when }
          : { goods: pick(['420 l diesel in canisters', '2 motorcycles', '35 kg of raisins without papers']), place: 'bridge checkpoint', when };
        items.push({ id: msgId, side, unitRef, marking: markingFor(side), body: { ...base, kind: 'message', templateId: kind, fields, freeText: rand() < 0.3 ? pick(ANSWERS[author.lang]) : null, rfi: null, sentAt } });
      }
    }
  }

  let created = 0;
  await inWriteTransaction(ctx.db, async (trx) => {
    for (const c of channels) created += await saveNewRecordsBulk(trx, 'liaison_channel', [{ id: c.id, body: c.body, marking: c.marking }], c.owner, 'system:seed-liaison', now);
    // One bulk write per owning unit: each side owns only what it wrote.
    const byOwner = new Map<string, Item[]>();
    for (const it of items) byOwner.set(`${it.side}|${it.unitRef}`, [...(byOwner.get(`${it.side}|${it.unitRef}`) ?? []), it]);
    for (const [key, list] of byOwner) {
      const [side, unitRef] = key.split('|') as [Side, string];
      created += await saveNewRecordsBulk(trx, 'liaison_message', list.map((i) => ({ id: i.id, body: i.body, marking: i.marking })), ownerOf(side, unitRef), 'system:seed-liaison', now);
    }
  });
  return { channels: channels.length, messages: Math.max(0, created - channels.length) };
}
