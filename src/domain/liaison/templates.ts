import type { Locale } from '../policy/roles.ts';

/**
 * Structured liaison messages (docs/liaison.md). The template's wording is held here in all
 * five languages, so a message composed in Tajik is read in Dari on the other bank: only the
 * template id and the field values travel, the reader's node renders the text. Person fields
 * are also written in the reader's script; free text travels as written.
 */
export type FieldKind = 'person' | 'text' | 'date' | 'plate' | 'number' | 'place';

export interface TemplateField {
  key: string;
  kind: FieldKind;
  required: boolean;
  label: Record<Locale, string>;
}

export interface Template {
  id: string;
  /** An RFI template asks for an answer by a deadline. */
  rfi: boolean;
  title: Record<Locale, string>;
  /** `{key}` placeholders are replaced by the field values (names in the reader's script). */
  text: Record<Locale, string>;
  fields: TemplateField[];
}

const L = (en: string, ru: string, tg: string, fa: string, ps: string): Record<Locale, string> => ({ en, ru, tg, fa, ps });

const F = {
  person: { key: 'person', kind: 'person', required: true, label: L('Full name', 'Ф. И. О.', 'Ному насаб', 'نام کامل', 'بشپړ نوم') },
  birthDate: { key: 'birthDate', kind: 'date', required: false, label: L('Date of birth', 'Дата рождения', 'Санаи таваллуд', 'تاریخ تولد', 'د زېږون نېټه') },
  document: { key: 'document', kind: 'text', required: false, label: L('Document number', 'Номер документа', 'Рақами ҳуҷҷат', 'شماره سند', 'د سند شمېره') },
  plate: { key: 'plate', kind: 'plate', required: true, label: L('Registration plate', 'Госномер', 'Рақами давлатӣ', 'نمبر پلیت', 'د پلېټ شمېره') },
  vehicle: { key: 'vehicle', kind: 'text', required: false, label: L('Vehicle description', 'Описание транспорта', 'Тавсифи нақлиёт', 'مشخصات وسیله', 'د موټر تشریح') },
  place: { key: 'place', kind: 'place', required: true, label: L('Place', 'Место', 'Ҷой', 'محل', 'ځای') },
  when: { key: 'when', kind: 'date', required: true, label: L('Date and time', 'Дата и время', 'Сана ва вақт', 'تاریخ و زمان', 'نېټه او وخت') },
  what: { key: 'what', kind: 'text', required: true, label: L('What happened', 'Что произошло', 'Чӣ рух дод', 'چه رخ داد', 'څه پېښ شول') },
  hazard: { key: 'hazard', kind: 'text', required: true, label: L('Hazard', 'Опасность', 'Хатар', 'خطر', 'خطر') },
  until: { key: 'until', kind: 'date', required: false, label: L('Expected until', 'Ожидается до', 'То', 'تا', 'تر') },
  topic: { key: 'topic', kind: 'text', required: true, label: L('Topic', 'Тема', 'Мавзӯъ', 'موضوع', 'موضوع') },
  count: { key: 'count', kind: 'number', required: true, label: L('Number of persons', 'Число лиц', 'Шумораи шахсон', 'تعداد افراد', 'د کسانو شمېر') },
  names: { key: 'person', kind: 'person', required: false, label: L('Name (first person)', 'Ф. И. О. (первое лицо)', 'Ном (шахси аввал)', 'نام (نفر اول)', 'نوم (لومړی کس)') },
  goods: { key: 'goods', kind: 'text', required: true, label: L('Goods and quantity', 'Товар и количество', 'Мол ва миқдор', 'کالا و مقدار', 'توکي او اندازه') },
} satisfies Record<string, TemplateField>;

export const TEMPLATES: readonly Template[] = [
  {
    id: 'rfi_person',
    rfi: true,
    title: L('Request for information on a person', 'Запрос информации о лице', 'Дархости маълумот дар бораи шахс', 'درخواست معلومات در مورد یک شخص', 'د یو کس په اړه د معلوماتو غوښتنه'),
    text: L(
      'Please provide any information you hold on {person} (born {birthDate}, document {document}): crossings, detentions, known associates.',
      'Просим сообщить имеющиеся сведения о лице {person} (дата рождения {birthDate}, документ {document}): пересечения, задержания, известные связи.',
      'Хоҳиш мекунем маълумоти мавҷударо дар бораи {person} (таваллуд {birthDate}, ҳуҷҷат {document}) пешниҳод намоед: убурҳо, боздоштҳо, робитаҳои маълум.',
      'لطفاً هر معلوماتی که در مورد {person} (تولد {birthDate}، سند {document}) دارید ارائه کنید: عبورها، بازداشت‌ها، ارتباطات شناخته‌شده.',
      'مهرباني وکړئ د {person} (زېږون {birthDate}، سند {document}) په اړه خپل معلومات راکړئ: تېرېدنې، نیونې، پېژندل شوې اړیکې.',
    ),
    fields: [F.person, F.birthDate, F.document],
  },
  {
    id: 'rfi_vehicle',
    rfi: true,
    title: L('Request for information on a vehicle', 'Запрос информации о транспортном средстве', 'Дархости маълумот дар бораи воситаи нақлиёт', 'درخواست معلومات در مورد یک وسیله نقلیه', 'د یوه موټر په اړه د معلوماتو غوښتنه'),
    text: L(
      'Please provide any information you hold on the vehicle {plate} ({vehicle}): owner, crossings, sightings.',
      'Просим сообщить сведения о транспортном средстве {plate} ({vehicle}): владелец, пересечения, наблюдения.',
      'Хоҳиш мекунем маълумотро дар бораи воситаи нақлиёти {plate} ({vehicle}) пешниҳод намоед: соҳиб, убурҳо, мушоҳидаҳо.',
      'لطفاً معلومات خود را در مورد وسیله نقلیه {plate} ({vehicle}) ارائه کنید: مالک، عبورها، مشاهدات.',
      'مهرباني وکړئ د {plate} ({vehicle}) موټر په اړه معلومات راکړئ: مالک، تېرېدنې، لیدنې.',
    ),
    fields: [F.plate, F.vehicle],
  },
  {
    id: 'incident',
    rfi: false,
    title: L('Notification of an incident', 'Уведомление об инциденте', 'Огоҳинома дар бораи ҳодиса', 'اطلاعیه یک رویداد', 'د یوې پېښې خبرتیا'),
    text: L(
      'We notify you of an incident at {place} on {when}: {what}.',
      'Уведомляем об инциденте в {place}, {when}: {what}.',
      'Шуморо дар бораи ҳодиса дар {place}, {when} огоҳ менамоем: {what}.',
      'شما را از رویدادی در {place} به تاریخ {when} آگاه می‌سازیم: {what}.',
      'تاسو ته په {place} کې د {when} پر مهال د یوې پېښې خبر درکوو: {what}.',
    ),
    fields: [F.place, F.when, F.what],
  },
  {
    id: 'hazard',
    rfi: false,
    title: L('Warning of a hazard', 'Предупреждение об опасности', 'Огоҳӣ дар бораи хатар', 'هشدار خطر', 'د خطر خبرداری'),
    text: L(
      'Warning: {hazard} expected at {place} from {when} until {until}. Please take precautions on your side.',
      'Предупреждение: {hazard} ожидается в {place} с {when} до {until}. Просим принять меры на вашей стороне.',
      'Огоҳӣ: {hazard} дар {place} аз {when} то {until} интизор меравад. Хоҳиш мекунем дар тарафи худ чораҳо андешед.',
      'هشدار: {hazard} در {place} از {when} تا {until} پیش‌بینی می‌شود. لطفاً در طرف خود تدابیر لازم را بگیرید.',
      'خبرداری: {hazard} په {place} کې له {when} څخه تر {until} پورې تمه کېږي. مهرباني وکړئ په خپل لوري احتیاط وکړئ.',
    ),
    fields: [F.hazard, F.place, F.when, F.until],
  },
  {
    id: 'meeting_request',
    rfi: false,
    title: L('Request for a meeting', 'Просьба о встрече', 'Дархости мулоқот', 'درخواست ملاقات', 'د غونډې غوښتنه'),
    text: L(
      'We propose a liaison meeting at {place} on {when} to discuss: {topic}.',
      'Предлагаем провести встречу в {place}, {when}, для обсуждения: {topic}.',
      'Пешниҳод менамоем мулоқот дар {place}, {when} баргузор гардад, барои баррасии: {topic}.',
      'پیشنهاد می‌کنیم جلسه‌ای در {place} به تاریخ {when} برای بحث در مورد {topic} برگزار شود.',
      'وړاندیز کوو چې په {place} کې د {when} پر مهال د {topic} په اړه غونډه وشي.',
    ),
    fields: [F.place, F.when, F.topic],
  },
  {
    id: 'handover_persons',
    rfi: false,
    title: L('Handover of detained persons', 'Передача задержанных лиц', 'Супоридани шахсони боздоштшуда', 'تحویل افراد بازداشت‌شده', 'د نیول شویو کسانو سپارل'),
    text: L(
      'We propose to hand over {count} detained person(s), among them {person}, at {place} on {when}.',
      'Предлагаем передать {count} задержанных лиц, в том числе {person}, в {place}, {when}.',
      'Пешниҳод менамоем {count} нафар шахси боздоштшуда, аз ҷумла {person}, дар {place}, {when} супорида шаванд.',
      'پیشنهاد می‌کنیم {count} فرد بازداشت‌شده، از جمله {person}، در {place} به تاریخ {when} تحویل داده شوند.',
      'وړاندیز کوو چې {count} نیول شوي کسان، په دوی کې {person}، په {place} کې د {when} پر مهال وسپارل شي.',
    ),
    fields: [F.count, F.names, F.place, F.when],
  },
  {
    id: 'handover_goods',
    rfi: false,
    title: L('Handover of seized goods', 'Передача изъятых товаров', 'Супоридани моли мусодирашуда', 'تحویل کالای ضبط‌شده', 'د ضبط شویو توکو سپارل'),
    text: L(
      'We propose to hand over seized goods ({goods}) at {place} on {when}.',
      'Предлагаем передать изъятые товары ({goods}) в {place}, {when}.',
      'Пешниҳод менамоем моли мусодирашуда ({goods}) дар {place}, {when} супорида шавад.',
      'پیشنهاد می‌کنیم کالای ضبط‌شده ({goods}) در {place} به تاریخ {when} تحویل داده شود.',
      'وړاندیز کوو چې ضبط شوي توکي ({goods}) په {place} کې د {when} پر مهال وسپارل شي.',
    ),
    fields: [F.goods, F.place, F.when],
  },
];

export const TEMPLATE_IDS = TEMPLATES.map((t) => t.id);

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
