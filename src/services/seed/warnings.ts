import type { Subject } from '../../domain/policy/roles.ts';
import { CLEAR_MARKING } from '../../domain/records/marking.ts';
import type { Scenario } from '../../domain/registry/scenario.ts';
import { capAlertSchema, toCapDateTime, type CapInfo } from '../../domain/warnings/cap.ts';
import type { DamageBody, ResourceBody } from '../../domain/warnings/damage.ts';
import { levelOf, type GaugeThresholds } from '../../domain/warnings/gauge.ts';
import { countReadings, insertReadings, saveAlarm } from '../../store/gauges.repository.ts';
import { idsByRef, listRecords } from '../../store/records.repository.ts';
import type { AppContext } from '../context.ts';
import { gaugeWrite, nearestSection } from '../gauges.service.ts';
import { writeRecords } from '../records.service.ts';
import { newWarningWrite } from '../warnings.service.ts';
import { prng } from './random.ts';

/**
 * The disaster-risk part of the Tajik–Afghan scenario (docs/warnings.md): river gauges on the
 * Panj and Amu Darya with a season of daily readings, an active spring-flood warning raised at
 * Khorog, a mudflow that cut the river road on both banks near Rushan with its damage reports,
 * and the resources each side holds. Deterministic (seeded PRNG), dated relative to now, and
 * idempotent: gauges are found by ref, readings only added to a gauge that has none, warnings
 * by their fixed CAP identifiers. Each node seeds its own state's part.
 */

interface GaugeSeed {
  ref: string;
  state: string;
  river: string;
  name: Record<'en' | 'ru' | 'tg' | 'fa' | 'ps', string>;
  location: [number, number];
  thresholds: GaugeThresholds;
  /** Mean level and the height of this season's flood wave, cm. */
  base: number;
  wave: number;
}

// Approximate positions of real hydrological stations on the border rivers (± a few km).
const GAUGES: GaugeSeed[] = [
  { ref: 'gauge-tj-khorog', state: 'TJ', river: 'Panj', name: { en: 'Khorog', ru: 'Хорог', tg: 'Хоруғ', fa: 'خاروغ', ps: 'خاروغ' }, location: [71.515, 37.5], thresholds: { watchCm: 260, warningCm: 300, dangerCm: 360 }, base: 170, wave: 150 },
  { ref: 'gauge-tj-ishkashim', state: 'TJ', river: 'Panj', name: { en: 'Ishkashim', ru: 'Ишкашим', tg: 'Ишкошим', fa: 'اشکاشم', ps: 'اشکاشم' }, location: [71.6, 36.725], thresholds: { watchCm: 220, warningCm: 270, dangerCm: 330 }, base: 140, wave: 100 },
  { ref: 'gauge-tj-shidz', state: 'TJ', river: 'Panj', name: { en: 'Shidz', ru: 'Шидз', tg: 'Шидз', fa: 'شیدز', ps: 'شیدز' }, location: [71.33, 38.06], thresholds: { watchCm: 300, warningCm: 350, dangerCm: 420 }, base: 210, wave: 120 },
  { ref: 'gauge-tj-nizhniy-panj', state: 'TJ', river: 'Panj', name: { en: 'Nizhniy Panj', ru: 'Нижний Пяндж', tg: 'Панҷи Поён', fa: 'پنج پایان', ps: 'لاندې پنج' }, location: [68.6, 37.215], thresholds: { watchCm: 330, warningCm: 390, dangerCm: 460 }, base: 240, wave: 130 },
  { ref: 'gauge-tj-ayvadzh', state: 'TJ', river: 'Amu Darya', name: { en: 'Ayvadzh', ru: 'Айваҷ', tg: 'Айвоҷ', fa: 'آیواج', ps: 'آیواج' }, location: [67.99, 36.99], thresholds: { watchCm: 350, warningCm: 420, dangerCm: 500 }, base: 260, wave: 120 },
  { ref: 'gauge-af-sher-khan-bandar', state: 'AF', river: 'Panj', name: { en: 'Sher Khan Bandar', ru: 'Шерхан-Бандар', tg: 'Шерхон Бандар', fa: 'شیرخان بندر', ps: 'شیرخان بندر' }, location: [68.6, 37.19], thresholds: { watchCm: 330, warningCm: 390, dangerCm: 460 }, base: 235, wave: 125 },
  { ref: 'gauge-af-khwahan', state: 'AF', river: 'Panj', name: { en: 'Khwahan', ru: 'Хохан', tg: 'Хоҳон', fa: 'خواهان', ps: 'خواهان' }, location: [70.22, 37.885], thresholds: { watchCm: 280, warningCm: 330, dangerCm: 400 }, base: 190, wave: 110 },
];

const DAY = 86_400_000;
const SEASON_DAYS = 120;

/** Daily 06:00 UTC readings for the last SEASON_DAYS days: a flood wave peaking two days ago. */
function season(g: GaugeSeed, now: Date, seed: number) {
  const rnd = prng(seed);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 6);
  const out: { at: string; levelCm: number }[] = [];
  for (let d = SEASON_DAYS - 1; d >= 0; d--) {
    const t = today - d * DAY;
    if (t > now.getTime()) continue;
    const x = (SEASON_DAYS - 1 - d) / (SEASON_DAYS - 1); // 0 → 1 across the season
    const wave = g.wave * Math.exp(-(((x - 0.985) / 0.12) ** 2)) + 0.25 * g.wave * Math.exp(-(((x - 0.55) / 0.08) ** 2));
    out.push({ at: new Date(t).toISOString(), levelCm: Math.round(g.base + wave + (rnd() - 0.5) * 12) });
  }
  return out;
}

const SEED_SUBJECT = (state: string, agencyId: string): Subject => ({ userId: 'system:seed', roles: [], stateCode: state, agencyId, unitId: null });

const FLOOD_ID = 'urn:sarhad:seed:tj-af:spring-flood-khorog';
const MUDFLOW_ID = 'urn:sarhad:seed:tj-af:mudflow-rushan';

function floodInfo(now: Date): CapInfo[] {
  const expires = toCapDateTime(new Date(now.getTime() + 3 * DAY));
  const effective = toCapDateTime(new Date(now.getTime() - 2 * DAY));
  const area = (areaDesc: string) => ({ areaDesc, polygon: [[[37.62, 71.42], [37.62, 71.62], [37.3, 71.62], [37.3, 71.42], [37.62, 71.42]] as [number, number][]], circle: [], geocode: [], altitude: null, ceiling: null });
  const block = (language: string, event: string, headline: string, description: string, instruction: string, areaDesc: string) =>
    ({ language, category: ['Met'], event, responseType: ['Prepare', 'Avoid'], urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', audience: null, eventCode: [], effective, onset: effective, expires, senderName: null, headline, description, instruction, web: null, contact: null, parameter: [{ valueName: 'gauge', value: 'gauge-tj-khorog' }], area: [area(areaDesc)] }) as CapInfo;
  return [
    block('en', 'Spring flood', 'Panj in flood at Khorog: level above the warning mark', 'Snowmelt in the Pamirs has raised the Panj above the warning level at the Khorog gauge. Low-lying fields, the river road and footbridges on both banks between Porshinev and Andarob are at risk.', 'Keep away from the river bank. Move people, livestock and vehicles to higher ground. Do not cross footbridges.', 'Panj between Porshinev and Andarob, both banks'),
    block('ru', 'Весенний паводок', 'Паводок на Пяндже у Хорога: уровень выше отметки предупреждения', 'Таяние снегов на Памире подняло уровень Пянджа выше отметки предупреждения на посту Хорог. Под угрозой низменные поля, прибрежная дорога и пешеходные мосты на обоих берегах между Поршневом и Андаробом.', 'Держитесь подальше от берега. Переведите людей, скот и технику на возвышенность. Не переходите по пешеходным мостам.', 'Пяндж между Поршневом и Андаробом, оба берега'),
    block('tg', 'Обхезии баҳорӣ', 'Обхезӣ дар Панҷ назди Хоруғ: сатҳи об аз нишонаи огоҳӣ баланд', 'Обшавии барф дар Помир сатҳи Панҷро дар нуқтаи Хоруғ аз нишонаи огоҳӣ баланд кард. Киштзорҳои паст, роҳи соҳилӣ ва пулҳои пиёдагард дар ҳар ду соҳил дар хатар мебошанд.', 'Аз соҳили дарё дур бошед. Одамон, чорво ва мошинҳоро ба баландӣ баред. Аз пулҳои пиёдагард нагузаред.', 'Панҷ байни Поршнев ва Андароб, ҳар ду соҳил'),
    block('fa', 'سیلاب بهاری', 'سیلاب در دریای پنج نزدیک خاروغ: سطح آب بالاتر از نشان هشدار', 'آب شدن برف‌ها در پامیر سطح دریای پنج را در ایستگاه خاروغ بالاتر از نشان هشدار برده است. زمین‌های پست، سرک کنار دریا و پل‌های پیاده‌رو در هر دو ساحل میان پرشنیو و اندراب در خطر اند.', 'از کنار دریا دور بمانید. مردم، مواشی و موترها را به جای بلند ببرید. از پل‌های پیاده‌رو عبور نکنید.', 'دریای پنج میان پرشنیو و اندراب، هر دو ساحل'),
    block('ps', 'پسرلنی سېلاب', 'د خاروغ سره په پنج سیند کې سېلاب: د اوبو کچه د خبرتیا له نښې پورته', 'په پامیر کې د واورو ویلې کېدو د خاروغ په سټېشن کې د پنج سیند کچه د خبرتیا له نښې پورته کړې ده. ټیټې ځمکې، د سیند غاړې سړک او پلي پلونه په دواړو غاړو کې له خطر سره مخ دي.', 'د سیند له غاړې لرې اوسئ. خلک، څاروي او موټرې لوړو ځایونو ته یوسئ. له پلي پلونو مه تېرېږئ.', 'د پرشنیو او اندراب ترمنځ پنج سیند، دواړې غاړې'),
  ];
}

function mudflowInfo(now: Date): CapInfo[] {
  const effective = toCapDateTime(new Date(now.getTime() - DAY));
  const expires = toCapDateTime(new Date(now.getTime() + 5 * DAY));
  const area = (areaDesc: string) => ({ areaDesc, polygon: [], circle: [{ center: [37.94, 71.555] as [number, number], radiusKm: 6 }], geocode: [], altitude: null, ceiling: null });
  const block = (language: string, event: string, headline: string, description: string, instruction: string, areaDesc: string) =>
    ({ language, category: ['Geo', 'Transport'], event, responseType: ['Avoid'], urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', audience: null, eventCode: [], effective, onset: effective, expires, senderName: null, headline, description, instruction, web: null, contact: null, parameter: [], area: [area(areaDesc)] }) as CapInfo;
  return [
    block('en', 'Mudflow', 'Mudflow cut the river roads on both banks near Rushan', 'A mudflow from a side valley reached the Panj near Rushan. The Pamir highway (M41) on the Tajik bank and the Shighnan road on the Afghan bank are blocked; the river is partly dammed.', 'Do not travel between Rushan and Khorog. Stay out of the side valley. Report anyone missing to the nearest border post.', 'Panj near Rushan, both banks'),
    block('ru', 'Сель', 'Сель перекрыл прибрежные дороги на обоих берегах у Рушана', 'Сель из бокового ущелья дошёл до Пянджа у Рушана. Памирский тракт (М41) на таджикском берегу и дорога в Шугнан на афганском берегу перекрыты; русло частично запружено.', 'Не выезжайте на участок Рушан — Хорог. Не заходите в боковое ущелье. О пропавших сообщайте на ближайшую заставу.', 'Пяндж у Рушана, оба берега'),
    block('tg', 'Сел', 'Сел роҳҳои соҳилиро дар ҳар ду соҳил назди Рушон баст', 'Сел аз дараи паҳлуӣ то Панҷ назди Рушон расид. Роҳи Помир (М41) дар соҳили тоҷикӣ ва роҳи Шуғнон дар соҳили афғонӣ баста шудаанд.', 'Байни Рушон ва Хоруғ сафар накунед. Ба дараи паҳлуӣ наравед. Дар бораи гумшудагон ба заставаи наздиктарин хабар диҳед.', 'Панҷ назди Рушон, ҳар ду соҳил'),
    block('fa', 'سیل گل‌آلود', 'سیل گل‌آلود سرک‌های کنار دریا را در هر دو ساحل نزدیک روشان بست', 'سیل گل‌آلود از یک دره فرعی به دریای پنج نزدیک روشان رسید. شاهراه پامیر (M41) در ساحل تاجیکستان و سرک شغنان در ساحل افغانستان بسته شده‌اند.', 'میان روشان و خاروغ سفر نکنید. به دره فرعی نروید. افراد مفقود را به نزدیک‌ترین پوسته سرحدی گزارش دهید.', 'دریای پنج نزدیک روشان، هر دو ساحل'),
  ];
}

export interface WarningsSeedSummary {
  gauges: number;
  readings: number;
  warnings: number;
}

export async function seedWarnings(ctx: AppContext, scenario: Scenario, now = new Date()): Promise<WarningsSeedSummary> {
  const summary: WarningsSeedSummary = { gauges: 0, readings: 0, warnings: 0 };
  if (scenario.id !== 'tj-af') return summary;
  const state = ctx.node.stateCode;
  const agencies = await idsByRef(ctx.db.kysely, 'agency');
  const borderGuard = agencies.get(state === 'AF' ? 'af-border-police' : 'tj-border-troops');
  if (!borderGuard || (state !== 'TJ' && state !== 'AF')) return summary;
  const subject = SEED_SUBJECT(state, borderGuard);
  const actor = { kind: 'user' as const, subject };
  const mine = GAUGES.filter((g) => g.state === state);

  // Gauges, found by ref.
  const gaugeIds = await idsByRef(ctx.db.kysely, 'gauge');
  const created = await writeRecords(ctx, actor, async (trx) =>
    Promise.all(
      mine
        .filter((g) => !gaugeIds.has(g.ref))
        .map((g) => gaugeWrite(trx, { ref: g.ref, name: g.name, river: g.river, location: g.location, thresholds: g.thresholds, marking: CLEAR_MARKING }, state)),
    ),
  );
  summary.gauges = created.length;
  for (const c of created) gaugeIds.set(c.record.body.ref!, c.record.id);

  // A season of readings, only for a gauge that has none; the alarm follows the last reading.
  const warnings = await listRecords(ctx.db.kysely, 'warning');
  const hasWarning = (identifier: string) => warnings.some((w) => w.body.cap.identifier === identifier);
  const writesFlood = state === 'TJ' && !hasWarning(FLOOD_ID);
  await writeRecords(ctx, actor, async (trx) => {
    for (const [i, g] of mine.entries()) {
      const id = gaugeIds.get(g.ref)!;
      if ((await countReadings(trx, id)) > 0) continue;
      const rows = season(g, now, 1000 + i);
      await insertReadings(trx, rows.map((r) => ({ gaugeId: id, at: r.at, levelCm: r.levelCm, source: 'automatic' as const, recordedBy: 'system:seed' })));
      summary.readings += rows.length;
      const last = rows[rows.length - 1]!;
      const above = levelOf(g.thresholds, last.levelCm) === 'warning' || levelOf(g.thresholds, last.levelCm) === 'danger';
      await saveAlarm(trx, id, { armed: !above, lastAt: last.at, warningId: null });
    }
    return [];
  });

  if (state !== 'TJ') return summary;
  // Warnings with fixed identifiers, their damage reports and each side's resources, once.
  const results = await writeRecords(ctx, actor, async (trx) => {
    const out = [];
    if (writesFlood) {
      const w = await newWarningWrite(ctx, trx, { status: 'Actual', scope: 'Public', restriction: null, addresses: null, note: 'Seeded scenario (docs/warnings.md)', info: floodInfo(now), marking: CLEAR_MARKING }, { origin: 'gauge', gaugeId: gaugeIds.get('gauge-tj-khorog')! });
      out.push({ ...w, body: { ...w.body, cap: capAlertSchema.parse({ ...w.body.cap, identifier: FLOOD_ID }) } });
      await saveAlarm(trx, gaugeIds.get('gauge-tj-khorog')!, { armed: false, lastAt: null, warningId: w.id! });
    }
    if (!hasWarning(MUDFLOW_ID)) {
      const w = await newWarningWrite(ctx, trx, { status: 'Actual', scope: 'Public', restriction: null, addresses: null, note: 'Seeded scenario (docs/warnings.md)', info: mudflowInfo(now), marking: CLEAR_MARKING });
      out.push({ ...w, body: { ...w.body, cap: capAlertSchema.parse({ ...w.body.cap, identifier: MUDFLOW_ID }) } });
    }
    return out;
  });
  summary.warnings = results.length;
  const mudflow = results.find((r) => r.record.body.cap.identifier === MUDFLOW_ID);
  if (!mudflow) return summary;

  // Damage on both banks: the Tajik report by the border troops, the Afghan one entered by the AF liaison officer.
  const afPolice = agencies.get('af-border-police');
  const observedAt = new Date(now.getTime() - DAY + 3 * 3600_000).toISOString();
  type DamageSeed = Omit<DamageBody, 'sectionId' | 'stateCode' | 'observedAt' | 'warningId'>;
  const damage = async (subjectOf: Subject, list: DamageSeed[]) =>
    writeRecords(ctx, { kind: 'user', subject: subjectOf }, async (trx) =>
      Promise.all(
        list.map(async (d) => ({ type: 'damage' as const, body: { ...d, warningId: mudflow.record.id, stateCode: subjectOf.stateCode, sectionId: d.location ? await nearestSection(trx, d.location) : null, observedAt }, marking: CLEAR_MARKING })),
      ),
    );
  await damage(subject, [
    { location: [71.565, 37.93], kind: 'road', level: 'destroyed', description: 'About 200 m of the Pamir highway (M41) buried under mud and boulders south of Rushan.', peopleAffected: 1800, peopleDisplaced: 0, needs: ['engineering', 'communications'] },
    { location: [71.55, 37.95], kind: 'building', level: 'major', description: 'Mud in 14 houses on the lower street of Rushan; families moved to the school.', peopleAffected: 96, peopleDisplaced: 61, needs: ['shelter', 'water', 'food'] },
  ]);
  if (afPolice) {
    await damage(SEED_SUBJECT('AF', afPolice), [
      { location: [71.535, 37.935], kind: 'road', level: 'destroyed', description: 'The Shighnan road along the Panj is cut in two places; villages downstream reachable only on foot.', peopleAffected: 2400, peopleDisplaced: 0, needs: ['engineering', 'medical', 'boats'] },
      { location: [71.52, 37.9], kind: 'bridge', level: 'destroyed', description: 'Footbridge over the side stream washed away.', peopleAffected: 350, peopleDisplaced: 40, needs: ['boats', 'shelter'] },
    ]);
  }

  // Resources: what each side can send. No helicopter on either side.
  const resources: [Subject, Omit<ResourceBody, 'stateCode' | 'unitId'>][] = [
    [subject, { kind: 'vehicle_4x4', quantity: 12, note: 'Khorog and Rushan detachments' }],
    [subject, { kind: 'truck', quantity: 4, note: null }],
    [subject, { kind: 'excavator', quantity: 2, note: 'Road department, Khorog' }],
    [subject, { kind: 'medical_team', quantity: 3, note: 'Khorog regional hospital' }],
    [subject, { kind: 'boat', quantity: 2, note: 'Inflatable, Khorog detachment' }],
    [subject, { kind: 'tents', quantity: 60, note: 'CoES store, Khorog' }],
  ];
  if (afPolice) {
    const af = SEED_SUBJECT('AF', afPolice);
    resources.push([af, { kind: 'vehicle_4x4', quantity: 5, note: 'Shighnan' }], [af, { kind: 'medical_team', quantity: 1, note: 'Shighnan clinic' }], [af, { kind: 'rescue_team', quantity: 1, note: 'ANDMA Badakhshan' }]);
  }
  for (const side of new Set(resources.map(([s]) => s))) {
    const mineOnly = resources.filter(([s]) => s === side);
    await writeRecords(ctx, { kind: 'user', subject: side }, mineOnly.map(([s, r]) => ({ type: 'resource' as const, body: { ...r, stateCode: s.stateCode, unitId: null }, marking: CLEAR_MARKING })));
  }
  return summary;
}
