/**
 * Hand-written registry data for the seeded Tajikistan–Afghanistan scenario, used by
 * scripts/build-border-scenario.ts. Geometry (the border line and its sections) is derived from
 * Natural Earth 10m by the generator; everything here is hand-written.
 *
 * Coordinates are [lon, lat]. Anything not known to ~1 km is flagged `approximate` in the output.
 * Sources for the crossings: the AKDN bridges (Tem–Demogan 2002, Darvaz/Ruzvai 2004, Langar,
 * Ishkashim 2006, Vanj/Khumrogi–Maimay 2011), the US-built Panji Poyon–Sher Khan Bandar bridge
 * (2007) and the UNODC Border Liaison Office at Nizhny Panj (Panji Poyon).
 */
import type { LocalizedName } from '../src/domain/registry/scenario.ts';

type L = LocalizedName;
export type Pos = [number, number];

const n = (en: string, ru: string, tg: string, fa: string, ps: string): L => ({ en, ru, tg, fa, ps });

/** Place names used in section, unit and community names. */
export const P = {
  tripoint: n('TJ–AF–UZ tripoint', 'стык границ TJ–AF–UZ', 'нуқтаи сеҷонибаи TJ–AF–UZ', 'نقطهٔ سه‌مرزی تاجیکستان، افغانستان و ازبکستان', 'د تاجکستان، افغانستان او ازبکستان درې‌اړخیز ټکی'),
  chinaTripoint: n('China tripoint', 'стык границ с Китаем', 'нуқтаи сеҷониба бо Чин', 'نقطهٔ سه‌مرزی با چین', 'له چین سره درې‌اړخیز ټکی'),
  ayvadzh: n('Ayvadzh', 'Айвадж', 'Айвоҷ', 'ایواج', 'ایواج'),
  kaldar: n('Kaldar', 'Калдар', 'Калдар', 'کلدار', 'کلدار'),
  vakhsh: n('Vakhsh mouth', 'устье Вахша', 'мансаби Вахш', 'دهانهٔ وخش', 'د وخش خوله'),
  qalaiZal: n('Qala-i-Zal', 'Калаи-Заль', 'Қалъаи Зол', 'قلعه زال', 'قلعه زال'),
  panjiPoyon: n('Panji Poyon', 'Нижний Пяндж', 'Панҷи Поён', 'پنج پایان', 'پنج پایان'),
  sherKhan: n('Sher Khan Bandar', 'Шерхан-Бандар', 'Шерхонбандар', 'شیرخان بندر', 'شیرخان بندر'),
  imamSahib: n('Imam Sahib', 'Имам-Сахиб', 'Имом Соҳиб', 'امام صاحب', 'امام صاحب'),
  panj: n('Panj', 'Пяндж', 'Панҷ', 'پنج', 'پنج'),
  dashtiArchi: n('Dasht-e Archi', 'Дашти-Арчи', 'Дашти Арчӣ', 'دشت ارچی', 'دشت ارچي'),
  aiKhanoum: n('Ai-Khanoum', 'Ай-Ханум', 'Ойхонум', 'آی خانم', 'آی خانم'),
  farkhor: n('Farkhor', 'Фархор', 'Фархор', 'فرخار', 'فرخار'),
  dashtiQala: n('Dasht-e Qala', 'Дашти-Кала', 'Дашти Қалъа', 'دشت قلعه', 'دشت قلعه'),
  hamadoni: n('Hamadoni', 'Хамадони', 'Ҳамадонӣ', 'همدانی', 'همداني'),
  yangiQala: n('Yangi Qala', 'Янги-Кала', 'Янги Қалъа', 'ینگی قلعه', 'ینګي قلعه'),
  chubek: n('Chubek', 'Чубек', 'Чубек', 'چوبک', 'چوبک'),
  chahAb: n('Chah Ab', 'Чахаб', 'Чоҳоб', 'چاه آب', 'چاه آب'),
  shuroobod: n('Shuroobod', 'Шурообод', 'Шӯрообод', 'شوروآباد', 'شوروآباد'),
  khwahan: n('Khwahan', 'Хохан', 'Хоҳон', 'خواهان', 'خواهان'),
  darvaz: n('Darvaz', 'Дарваз', 'Дарвоз', 'درواز', 'درواز'),
  ruzvai: n('Ruzvai', 'Рузвай', 'Рузвай', 'روزوای', 'روزوای'),
  nusay: n('Nusay', 'Нусай', 'Нусай', 'نسی', 'نسی'),
  kalaiKhumb: n('Kalai-Khumb', 'Калаи-Хумб', 'Қалъаи Хумб', 'قلعه خم', 'قلعه خم'),
  maimay: n('Maimay', 'Маймай', 'Маймай', 'مایمی', 'مایمی'),
  vanj: n('Vanj', 'Ванч', 'Ванҷ', 'ونج', 'ونج'),
  khumrogi: n('Khumrogi', 'Хумроги', 'Хумроғӣ', 'خمروغی', 'خمروغی'),
  yazgulom: n('Yazgulom', 'Язгулем', 'Язғулом', 'یزغلام', 'یزغلام'),
  rushan: n('Rushan', 'Рушан', 'Рушон', 'روشان', 'روشان'),
  porshinev: n('Porshinev', 'Поршнев', 'Поршнев', 'پارشنیو', 'پارشنیو'),
  khorog: n('Khorog', 'Хорог', 'Хоруғ', 'خاروغ', 'خاروغ'),
  tem: n('Tem', 'Тем', 'Тем', 'تیم', 'تیم'),
  demogan: n('Demogan', 'Демоган', 'Демоған', 'دیموگان', 'دیموګان'),
  shighnan: n('Shighnan', 'Шугнан', 'Шуғнон', 'شغنان', 'شغنان'),
  andarob: n('Andarob', 'Андароб', 'Андароб', 'اندراب', 'اندراب'),
  ishkashimTJ: n('Ishkashim', 'Ишкашим', 'Ишкошим', 'اشکاشم', 'اشکاشم'),
  ishkashimAF: n('Ishkashim (Afghanistan)', 'Ишкашим (Афганистан)', 'Ишкошим (Афғонистон)', 'اشکاشم (افغانستان)', 'اشکاشم (افغانستان)'),
  namadgut: n('Namadgut', 'Намадгут', 'Намадгут', 'نمدگوت', 'نمدګوت'),
  vrang: n('Vrang', 'Вранг', 'Вранг', 'ورنگ', 'ورنګ'),
  khandud: n('Khandud', 'Хандуд', 'Хандуд', 'خندود', 'خندود'),
  langar: n('Langar', 'Лянгар', 'Лангар', 'لنگر', 'لنګر'),
  qalaiPanja: n('Qala-e Panja', 'Кала-и-Пянджа', 'Қалъаи Панҷа', 'قلعه پنجه', 'قلعه پنجه'),
  wakhan: n('Wakhan', 'Вахан', 'Вахон', 'واخان', 'واخان'),
  pamirRiver: n('Pamir River', 'река Памир', 'дарёи Помир', 'دریای پامیر', 'د پامیر سیند'),
  zorkul: n('Zorkul', 'Зоркуль', 'Зӯркӯл', 'زورکول', 'زورکول'),
  greatPamir: n('Great Pamir', 'Большой Памир', 'Помири Калон', 'پامیر کلان', 'لوی پامیر'),
  littlePamir: n('Little Pamir', 'Малый Памир', 'Помири Хурд', 'پامیر خورد', 'کوچنی پامیر'),
  dushanbe: n('Dushanbe', 'Душанбе', 'Душанбе', 'دوشنبه', 'دوشنبه'),
  kabul: n('Kabul', 'Кабул', 'Кобул', 'کابل', 'کابل'),
  kunduz: n('Kunduz', 'Кундуз', 'Кундуз', 'کندز', 'کندز'),
  faizabad: n('Faizabad', 'Файзабад', 'Файзобод', 'فیض‌آباد', 'فیض‌آباد'),
} satisfies Record<string, L>;
export type PlaceKey = keyof typeof P;

/** "A – B" in every language. */
export const between = (a: L, b: L): L => ({
  en: `${a.en} – ${b.en}`,
  ru: `${a.ru} – ${b.ru}`,
  tg: `${a.tg} – ${b.tg}`,
  fa: `${a.fa} – ${b.fa}`,
  ps: `${a.ps} – ${b.ps}`,
});

export const scenarioName = n(
  'Tajikistan–Afghanistan border',
  'Таджикско-афганская граница',
  'Сарҳади Тоҷикистону Афғонистон',
  'مرز تاجیکستان و افغانستان',
  'د تاجکستان او افغانستان پوله',
);

export const states = [
  { code: 'TJ', name: n('Tajikistan', 'Таджикистан', 'Тоҷикистон', 'تاجیکستان', 'تاجکستان') },
  { code: 'AF', name: n('Afghanistan', 'Афганистан', 'Афғонистон', 'افغانستان', 'افغانستان') },
];

export const agencies = [
  { id: 'tj-border-troops', state: 'TJ', kind: 'border_guard' as const, name: n(
    'Border Troops of the State Committee for National Security',
    'Пограничные войска Государственного комитета национальной безопасности',
    'Қӯшунҳои сарҳадии Кумитаи давлатии амнияти миллӣ',
    'نیروهای مرزی کمیتهٔ دولتی امنیت ملی',
    'د ملي امنیت د دولتي کمیټې سرحدي ځواکونه') },
  { id: 'tj-customs', state: 'TJ', kind: 'customs' as const, name: n(
    'Customs Service under the Government of the Republic of Tajikistan',
    'Таможенная служба при Правительстве Республики Таджикистан',
    'Хадамоти гумруки назди Ҳукумати Ҷумҳурии Тоҷикистон',
    'خدمات گمرکی نزد حکومت جمهوری تاجیکستان',
    'د تاجکستان جمهوریت د حکومت تر څنګ د ګمرک خدمت') },
  { id: 'tj-drug-control', state: 'TJ', kind: 'drug_control' as const, name: n(
    'Drug Control Agency under the President of the Republic of Tajikistan',
    'Агентство по контролю за наркотиками при Президенте Республики Таджикистан',
    'Агентии назорати маводи нашъадор назди Президенти Ҷумҳурии Тоҷикистон',
    'آژانس کنترل مواد مخدر نزد رئیس‌جمهور تاجیکستان',
    'د تاجکستان د ولسمشر تر څنګ د مخدره توکو د کنټرول اداره') },
  { id: 'tj-interior', state: 'TJ', kind: 'police' as const, name: n(
    'Ministry of Internal Affairs of the Republic of Tajikistan',
    'Министерство внутренних дел Республики Таджикистан',
    'Вазорати корҳои дохилии Ҷумҳурии Тоҷикистон',
    'وزارت امور داخلهٔ جمهوری تاجیکستان',
    'د تاجکستان جمهوریت د کورنیو چارو وزارت') },
  { id: 'tj-emergencies', state: 'TJ', kind: 'emergency' as const, name: n(
    'Committee of Emergency Situations and Civil Defence',
    'Комитет по чрезвычайным ситуациям и гражданской обороне',
    'Кумитаи ҳолатҳои фавқулодда ва мудофиаи граждонӣ',
    'کمیتهٔ وضعیت‌های اضطراری و دفاع ملکی',
    'د بیړنیو حالاتو او ملکي دفاع کمیټه') },
  { id: 'af-border-police', state: 'AF', kind: 'border_guard' as const, name: n(
    'Afghan Border Police', 'Пограничная полиция Афганистана', 'Пулиси сарҳадии Афғонистон',
    'پولیس سرحدی افغانستان', 'د افغانستان سرحدي پولیس') },
  { id: 'af-customs', state: 'AF', kind: 'customs' as const, name: n(
    'Afghanistan Customs Department', 'Таможенный департамент Афганистана', 'Раёсати гумруки Афғонистон',
    'ریاست عمومی گمرکات افغانستان', 'د افغانستان د ګمرکونو عمومي ریاست') },
  { id: 'af-counter-narcotics', state: 'AF', kind: 'drug_control' as const, name: n(
    'Counter Narcotics Police of Afghanistan', 'Полиция по борьбе с наркотиками Афганистана',
    'Пулиси мубориза бо маводи мухаддири Афғонистон', 'پولیس مبارزه با مواد مخدر افغانستان',
    'د افغانستان د مخدره توکو پر ضد مبارزې پولیس') },
  { id: 'af-national-police', state: 'AF', kind: 'police' as const, name: n(
    'Afghan National Police', 'Национальная полиция Афганистана', 'Пулиси миллии Афғонистон',
    'پولیس ملی افغانستان', 'د افغانستان ملي پولیس') },
  { id: 'af-andma', state: 'AF', kind: 'emergency' as const, name: n(
    'Afghanistan National Disaster Management Authority',
    'Национальное управление по ликвидации последствий стихийных бедствий Афганистана',
    'Идораи миллии мудирияти офатҳои Афғонистон',
    'ادارهٔ ملی مبارزه با حوادث افغانستان',
    'د افغانستان د پېښو د مدیریت ملي اداره') },
  // Partners observe under agreements; hosted on the Tajik node for the scenario.
  { id: 'partner-bomca', state: 'TJ', kind: 'partner' as const, name: n(
    'Border Management Programme in Central Asia (BOMCA)',
    'Программа содействия управлению границами в Центральной Азии (БОМКА)',
    'Барномаи идоракунии сарҳад дар Осиёи Марказӣ (БОМКА)',
    'برنامهٔ مدیریت سرحد در آسیای میانه (بومکا)',
    'په منځنۍ آسیا کې د سرحد د مدیریت پروګرام (بومکا)') },
];

export type Terrain = 'river_plain' | 'foothills' | 'mountain' | 'high_mountain' | 'gorge';
export type River = 'Amu Darya' | 'Panj' | 'Pamir' | null;

export interface SectionSpec {
  name: L;
  /** where the section ends: snapped to the nearest vertex of the border line (the last one ends at the China tripoint) */
  endAt: Pos | 'end';
  provinces: { TJ: string; AF: string };
  terrain: Terrain;
  river: River;
  patrolCoverage: number;
}

/**
 * Sections west → east (downstream → upstream). Breakpoints are at named places and at the
 * (approximate) province boundaries along the river: Balkh (Kaldar) → Kunduz near Ayvadzh,
 * Kunduz → Takhar at the Kokcha mouth (Ai-Khanoum), Takhar → Badakhshan below Shuroobod,
 * Khatlon → Gorno-Badakhshan (Darvoz) above Khwahan. Patrol coverage values are scenario
 * assumptions (higher on the accessible plain and near crossings, low in the high Pamir).
 */
export const sectionSpecs: SectionSpec[] = [
  { name: between(P.tripoint, P.ayvadzh), endAt: [68.02, 36.93], provinces: { TJ: 'Khatlon', AF: 'Balkh' }, terrain: 'river_plain', river: 'Amu Darya', patrolCoverage: 0.6 },
  { name: between(P.ayvadzh, P.vakhsh), endAt: [68.28, 37.087], provinces: { TJ: 'Khatlon', AF: 'Kunduz' }, terrain: 'river_plain', river: 'Amu Darya', patrolCoverage: 0.45 },
  { name: between(P.vakhsh, P.panjiPoyon), endAt: [68.62, 37.215], provinces: { TJ: 'Khatlon', AF: 'Kunduz' }, terrain: 'river_plain', river: 'Panj', patrolCoverage: 0.7 },
  { name: between(P.sherKhan, P.imamSahib), endAt: [68.867, 37.311], provinces: { TJ: 'Khatlon', AF: 'Kunduz' }, terrain: 'river_plain', river: 'Panj', patrolCoverage: 0.65 },
  { name: between(P.imamSahib, P.panj), endAt: [69.079, 37.225], provinces: { TJ: 'Khatlon', AF: 'Kunduz' }, terrain: 'river_plain', river: 'Panj', patrolCoverage: 0.55 },
  { name: between(P.dashtiArchi, P.aiKhanoum), endAt: [69.39, 37.165], provinces: { TJ: 'Khatlon', AF: 'Kunduz' }, terrain: 'river_plain', river: 'Panj', patrolCoverage: 0.5 },
  { name: between(P.aiKhanoum, P.farkhor), endAt: [69.41, 37.472], provinces: { TJ: 'Khatlon', AF: 'Takhar' }, terrain: 'river_plain', river: 'Panj', patrolCoverage: 0.5 },
  { name: between(P.dashtiQala, P.hamadoni), endAt: [69.814, 37.587], provinces: { TJ: 'Khatlon', AF: 'Takhar' }, terrain: 'river_plain', river: 'Panj', patrolCoverage: 0.45 },
  { name: between(P.yangiQala, P.chahAb), endAt: [70.15, 37.55], provinces: { TJ: 'Khatlon', AF: 'Takhar' }, terrain: 'foothills', river: 'Panj', patrolCoverage: 0.4 },
  { name: between(P.shuroobod, P.khwahan), endAt: [70.30, 38.0], provinces: { TJ: 'Khatlon', AF: 'Badakhshan' }, terrain: 'foothills', river: 'Panj', patrolCoverage: 0.35 },
  { name: between(P.darvaz, P.ruzvai), endAt: [70.595, 38.318], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'gorge', river: 'Panj', patrolCoverage: 0.3 },
  { name: between(P.ruzvai, P.kalaiKhumb), endAt: [71.038, 38.416], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'gorge', river: 'Panj', patrolCoverage: 0.4 },
  { name: between(P.kalaiKhumb, P.vanj), endAt: [71.315, 38.083], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'mountain', river: 'Panj', patrolCoverage: 0.35 },
  { name: between(P.yazgulom, P.rushan), endAt: [71.567, 37.928], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'gorge', river: 'Panj', patrolCoverage: 0.25 },
  { name: between(P.rushan, P.khorog), endAt: [71.50, 37.50], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'mountain', river: 'Panj', patrolCoverage: 0.4 },
  { name: between(P.khorog, P.andarob), endAt: [71.434, 37.055], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'mountain', river: 'Panj', patrolCoverage: 0.35 },
  { name: between(P.andarob, P.ishkashimTJ), endAt: [71.578, 36.734], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'mountain', river: 'Panj', patrolCoverage: 0.4 },
  { name: between(P.ishkashimTJ, P.namadgut), endAt: [72.154, 36.896], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'mountain', river: 'Panj', patrolCoverage: 0.35 },
  { name: between(P.vrang, P.langar), endAt: [72.672, 37.058], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'mountain', river: 'Panj', patrolCoverage: 0.3 },
  { name: between(P.langar, P.pamirRiver), endAt: [73.115, 37.369], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'high_mountain', river: 'Pamir', patrolCoverage: 0.2 },
  { name: between(P.pamirRiver, P.zorkul), endAt: [73.745, 37.394], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'high_mountain', river: 'Pamir', patrolCoverage: 0.15 },
  { name: between(P.zorkul, P.greatPamir), endAt: [74.051, 37.313], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'high_mountain', river: null, patrolCoverage: 0.1 },
  { name: between(P.greatPamir, P.littlePamir), endAt: [74.476, 37.386], provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'high_mountain', river: null, patrolCoverage: 0.08 },
  { name: between(P.littlePamir, P.chinaTripoint), endAt: 'end', provinces: { TJ: 'Gorno-Badakhshan', AF: 'Badakhshan' }, terrain: 'high_mountain', river: null, patrolCoverage: 0.05 },
];

/**
 * Crossing points (bridges over the border river), as facing pairs. `near` is a hand estimate of
 * the bridge site; the generator snaps it onto the border line and puts each unit a few hundred
 * metres onto its own bank, so all of them are approximate.
 */
export interface CrossingSpec {
  key: string;
  near: Pos;
  tj: PlaceKey;
  af: PlaceKey;
  tjLocode: string | null;
  afLocode: string | null;
  /** a Border Liaison Office on each side of this crossing */
  blo: boolean;
}
export const crossings: CrossingSpec[] = [
  // US-funded road bridge (2007); UNODC BLO opened at Nizhny Panj (Japan-funded).
  { key: 'panji-poyon', near: [68.6, 37.18], tj: 'panjiPoyon', af: 'sherKhan', tjLocode: null, afLocode: 'AFSHE', blo: true }, // AF SHE "Sherhan-Bandar", road terminal (docs/trade.md)
  // AKDN bridge (2004); Afghanbazar cross-border market at Ruzvai.
  { key: 'ruzvai', near: [70.6, 38.33], tj: 'ruzvai', af: 'nusay', tjLocode: null, afLocode: null, blo: true },
  // AKDN Vanj bridge (2011), Khumrogi (Vanj district) – Maimay.
  { key: 'khumrogi', near: [71.3, 38.27], tj: 'khumrogi', af: 'maimay', tjLocode: null, afLocode: null, blo: false },
  // AKDN bridge (2002), Tem (Khorog) – Demogan (Shighnan).
  { key: 'tem', near: [71.5, 37.47], tj: 'tem', af: 'demogan', tjLocode: null, afLocode: null, blo: true },
  // AKDN bridge (2006), Ishkashim – Ishkashim; cross-border market.
  { key: 'ishkashim', near: [71.59, 36.72], tj: 'ishkashimTJ', af: 'ishkashimAF', tjLocode: null, afLocode: null, blo: true },
  // AKDN bridge at Langar (Wakhan) named by the Aga Khan in 2006; exact site uncertain.
  { key: 'langar', near: [72.66, 37.05], tj: 'langar', af: 'wakhan', tjLocode: null, afLocode: null, blo: false },
];

export interface PostSpec {
  state: 'TJ' | 'AF';
  place: PlaceKey;
  at: Pos;
}
/** Border posts (plausible, named after real villages along the river; all approximate). */
export const borderPosts: PostSpec[] = [
  { state: 'TJ', place: 'ayvadzh', at: [68.0, 37.0] },
  { state: 'TJ', place: 'panj', at: [69.09, 37.22] },
  { state: 'TJ', place: 'chubek', at: [69.70, 37.62] },
  { state: 'TJ', place: 'yazgulom', at: [71.37, 38.15] },
  { state: 'TJ', place: 'porshinev', at: [71.53, 37.60] },
  { state: 'TJ', place: 'andarob', at: [71.46, 37.10] },
  { state: 'TJ', place: 'namadgut', at: [71.76, 36.71] },
  { state: 'TJ', place: 'vrang', at: [72.33, 37.015] },
  { state: 'TJ', place: 'zorkul', at: [73.70, 37.45] },
  { state: 'AF', place: 'qalaiZal', at: [68.35, 37.07] },
  { state: 'AF', place: 'dashtiArchi', at: [69.14, 37.13] },
  { state: 'AF', place: 'dashtiQala', at: [69.45, 37.27] },
  { state: 'AF', place: 'yangiQala', at: [69.62, 37.55] },
  { state: 'AF', place: 'chahAb', at: [69.85, 37.58] },
  { state: 'AF', place: 'khwahan', at: [70.22, 37.89] },
  { state: 'AF', place: 'shighnan', at: [71.46, 37.43] },
  { state: 'AF', place: 'khandud', at: [72.32, 36.95] },
  { state: 'AF', place: 'qalaiPanja', at: [72.58, 37.0] },
];

export interface HqSpec {
  id: string;
  agency: string;
  name: L;
  at: Pos;
  locode: string | null;
}
export const headquarters: HqSpec[] = [
  { id: 'tj-hq-dushanbe', agency: 'tj-border-troops', at: [68.78, 38.56], locode: 'TJDYU', name: n(
    'Border Troops Headquarters, Dushanbe', 'Штаб Пограничных войск, Душанбе', 'Ситоди Қӯшунҳои сарҳадӣ, Душанбе',
    'ستاد نیروهای مرزی، دوشنبه', 'د سرحدي ځواکونو مرکزي دفتر، دوشنبه') },
  { id: 'tj-hq-khorog', agency: 'tj-border-troops', at: [71.55, 37.49], locode: null, name: n(
    'Khorog Border Detachment', 'Хорогский пограничный отряд', 'Отряди сарҳадии Хоруғ',
    'قطعهٔ مرزی خاروغ', 'د خاروغ سرحدي قطعه') },
  { id: 'af-hq-kabul', agency: 'af-border-police', at: [69.17, 34.53], locode: 'AFKBL', name: n(
    'Afghan Border Police Headquarters, Kabul', 'Штаб пограничной полиции, Кабул', 'Ситоди пулиси сарҳадӣ, Кобул',
    'قوماندانی عمومی پولیس سرحدی، کابل', 'د سرحدي پولیسو عمومي قوماندانی، کابل') },
  { id: 'af-hq-kunduz', agency: 'af-border-police', at: [68.86, 36.73], locode: null, name: n(
    'Border Police Zone Headquarters, Kunduz', 'Зональный штаб пограничной полиции, Кундуз', 'Ситоди минтақавии пулиси сарҳадӣ, Кундуз',
    'قوماندانی زون پولیس سرحدی، کندز', 'د سرحدي پولیسو د زون قوماندانی، کندز') },
  { id: 'af-hq-faizabad', agency: 'af-border-police', at: [70.58, 37.12], locode: null, name: n(
    'Border Police Brigade Headquarters, Faizabad', 'Штаб бригады пограничной полиции, Файзабад', 'Ситоди бригадаи пулиси сарҳадӣ, Файзобод',
    'قوماندانی لوای پولیس سرحدی، فیض‌آباد', 'د سرحدي پولیسو د لوا قوماندانی، فیض‌آباد') },
];

export interface CommunitySpec {
  state: 'TJ' | 'AF';
  place: PlaceKey;
  at: Pos;
  population: number | null;
}
/** Border villages and towns (approximate centres; population null where not known reliably). */
export const communities: CommunitySpec[] = [
  { state: 'TJ', place: 'ayvadzh', at: [68.0, 37.02], population: null },
  { state: 'TJ', place: 'panjiPoyon', at: [68.61, 37.23], population: null },
  { state: 'TJ', place: 'panj', at: [69.095, 37.235], population: null },
  { state: 'TJ', place: 'farkhor', at: [69.40, 37.49], population: null },
  { state: 'TJ', place: 'shuroobod', at: [70.04, 37.84], population: null },
  { state: 'TJ', place: 'kalaiKhumb', at: [70.785, 38.455], population: null },
  { state: 'TJ', place: 'vanj', at: [71.45, 38.37], population: null },
  { state: 'TJ', place: 'rushan', at: [71.55, 37.95], population: null },
  { state: 'TJ', place: 'khorog', at: [71.55, 37.49], population: 30000 },
  { state: 'TJ', place: 'ishkashimTJ', at: [71.612, 36.727], population: null },
  { state: 'TJ', place: 'langar', at: [72.65, 37.04], population: null },
  { state: 'AF', place: 'sherKhan', at: [68.60, 37.165], population: null },
  { state: 'AF', place: 'imamSahib', at: [68.92, 37.18], population: null },
  { state: 'AF', place: 'dashtiQala', at: [69.47, 37.28], population: null },
  { state: 'AF', place: 'yangiQala', at: [69.61, 37.46], population: null },
  { state: 'AF', place: 'khwahan', at: [70.2194, 37.8886], population: null },
  { state: 'AF', place: 'nusay', at: [70.65, 38.34], population: null },
  { state: 'AF', place: 'shighnan', at: [71.46, 37.45], population: null },
  { state: 'AF', place: 'ishkashimAF', at: [71.565, 36.705], population: null },
  { state: 'AF', place: 'qalaiPanja', at: [72.58, 37.0], population: null },
  { state: 'AF', place: 'khandud', at: [72.32, 36.95], population: null },
];
