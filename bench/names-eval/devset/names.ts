/**
 * Name inventory of the development-set generator, written by hand for it alone: it does
 * NOT come from the engine's dictionary (src/domain/names/dictionary-data*.ts) and this
 * folder imports nothing from src/ (devset.test.ts greps the imports).
 *
 * One line per name: `tag|Tajik Cyrillic|Dari|kind`. kind: m male given name, f female
 * given name, s Afghan tribal / place surname (used as is). Compounds carry their two
 * components with `+` in every column (saif+ullah, abd+rahman, zia+uddin) so the spelling
 * rules can write them joined, with a ZWNJ or with a space, as people do.
 *
 * The inventory deliberately holds pairs of different names that look alike once short
 * vowels are gone (Hasan / Husayn, Muhammad / Mahmud, Salim / Salam, Hamid / Hamed,
 * Karim / Karima): an unlisted namesake with the other name of the pair is a negative.
 */
export interface NameLemma { tag: string; tajik: string; dari: string; kind: 'm' | 'f' | 's' }

const RAW = `
muhammad|Муҳаммад|محمد|m
mahmud|Маҳмуд|محمود|m
ahmad|Аҳмад|احمد|m
hamid|Ҳамид|حمید|m
hamed|Ҳомид|حامد|m
hasan|Ҳасан|حسن|m
husayn|Ҳусайн|حسین|m
salim|Салим|سلیم|m
salam|Салом|سلام|m
karim|Карим|کریم|m
rahim|Раҳим|رحیم|m
rahman|Раҳмон|رحمان|m
rashid|Рашид|رشید|m
majid|Маҷид|مجید|m
jamil|Ҷамил|جمیل|m
jalil|Ҷалил|جلیل|m
khalil|Халил|خلیل|m
nabi|Набӣ|نبی|m
nasir|Носир|ناصر|m
nasim|Насим|نسیم|m
qasim|Қосим|قاسم|m
hakim|Ҳаким|حکیم|m
halim|Ҳалим|حلیم|m
latif|Латиф|لطیف|m
sharif|Шариф|شریف|m
zarif|Зариф|ظریف|m
farid|Фарид|فرید|m
faruq|Форуқ|فاروق|m
yusuf|Юсуф|یوسف|m
yunus|Юнус|یونس|m
ilyas|Илёс|الیاس|m
ismail|Исмоил|اسماعیل|m
ibrahim|Иброҳим|ابراهیم|m
ishaq|Исҳоқ|اسحاق|m
yaqub|Яъқуб|یعقوب|m
musa|Мусо|موسی|m
isa|Исо|عیسی|m
daud|Довуд|داوود|m
sulaiman|Сулаймон|سلیمان|m
umar|Умар|عمر|m
usman|Усмон|عثمان|m
ali|Алӣ|علی|m
akbar|Акбар|اکبر|m
asghar|Асғар|اصغر|m
anwar|Анвар|انور|m
akram|Акрам|اکرم|m
ikram|Икром|اکرام|m
mirza|Мирзо|میرزا|m
bahram|Баҳром|بهرام|m
jamshid|Ҷамшед|جمشید|m
khurshid|Хуршед|خورشید|m
farhad|Фарҳод|فرهاد|m
firuz|Фирӯз|فیروز|m
dilawar|Диловар|دلاور|m
safar|Сафар|صفر|m
sabir|Собир|صابر|m
sadiq|Содиқ|صادق|m
siddiq|Сиддиқ|صدیق|m
wali|Валӣ|ولی|m
zahir|Зоҳир|ظاهر|m
zakir|Зокир|ذاکر|m
tahir|Тоҳир|طاهر|m
nazar|Назар|نظر|m
bashir|Башир|بشیر|m
nazir|Назир|نذیر|m
munir|Мунир|منیر|m
amin|Амин|امین|m
amir|Амир|امیر|m
aziz|Азиз|عزیز|m
habib|Ҳабиб|حبیب|m
nawid|Навид|نوید|m
omid|Умед|امید|m
rustam|Рустам|رستم|m
sohrab|Суҳроб|سهراب|m
jalal|Ҷалол|جلال|m
kamal|Камол|کمال|m
jamal|Ҷамол|جمال|m
bilal|Билол|بلال|m
khalid|Холид|خالد|m
mansur|Мансур|منصور|m
masud|Масъуд|مسعود|m
shafiq|Шафиқ|شفیق|m
rafiq|Рафиқ|رفیق|m
tariq|Тариқ|طارق|m
wahid|Воҳид|واحد|m
qadir|Қодир|قادر|m
ghafur|Ғафур|غفور|m
ghani|Ғанӣ|غنی|m
haidar|Ҳайдар|حیدر|m
hikmat|Ҳикмат|حکمت|m
nemat|Неъмат|نعمت|m
rahmat|Раҳмат|رحمت|m
izzat|Иззат|عزت|m
sharaf|Шараф|شرف|m
zafar|Зафар|ظفر|m
ghulam|Ғулом|غلام|m
sultan|Султон|سلطان|m
dost|Дӯст|دوست|m
baqi|Боқӣ|باقی|m
shoira|Шоира|شاعره|f
saif+ullah|Сайф+улло|سیف+الله|m
najib+ullah|Наҷиб+улло|نجیب+الله|m
hayat+ullah|Ҳаёт+улло|حیات+الله|m
aman+ullah|Амон+улло|امان+الله|m
rahmat+ullah|Раҳмат+улло|رحمت+الله|m
hidayat+ullah|Ҳидоят+улло|هدایت+الله|m
zia+uddin|Зиё+уддин|ضیا+الدین|m
nasr+uddin|Наср+иддин|نصر+الدین|m
siraj+uddin|Сироҷ+иддин|سراج+الدین|m
jalal+uddin|Ҷалол+иддин|جلال+الدین|m
kamal+uddin|Камол+иддин|کمال+الدین|m
abd+rahman|Абду+раҳмон|عبد+الرحمن|m
abd+karim|Абду+карим|عبد+الکریم|m
abd+qadir|Абду+қодир|عبد+القادر|m
abd+hamid|Абдул+ҳамид|عبد+الحمید|m
abd+ghani|Абдул+ғанӣ|عبد+الغنی|m
abd+wahab|Абдул+ваҳҳоб|عبد+الوهاب|m
zainab|Зайнаб|زینب|f
fatima|Фотима|فاطمه|f
maryam|Марям|مریم|f
malika|Малика|ملیکه|f
nilufar|Нилуфар|نیلوفر|f
shirin|Ширин|شیرین|f
parwin|Парвин|پروین|f
nargis|Наргис|نرگس|f
zuhra|Зуҳра|زهره|f
mahina|Маҳина|مهینه|f
farzana|Фарзона|فرزانه|f
karima|Карима|کریمه|f
rahima|Раҳима|رحیمه|f
jamila|Ҷамила|جمیله|f
hamida|Ҳамида|حمیده|f
madina|Мадина|مدینه|f
sitara|Ситора|ستاره|f
munira|Мунира|منیره|f
nasiba|Насиба|نصیبه|f
zarina|Зарина|زرینه|f
tahmina|Таҳмина|تهمینه|f
khadija|Хадиҷа|خدیجه|f
aisha|Оиша|عایشه|f
farida|Фарида|فریده|f
latifa|Латифа|لطیفه|f
mastura|Мастура|مستوره|f
shabnam|Шабнам|شبنم|f
gulnaz|Гулноз|گلناز|f
laila|Лайло|لیلا|f
salima|Салима|سلیمه|f
ahmadzai|Аҳмадзай|احمدزی|s
popalzai|Пӯпалзай|پوپلزی|s
barakzai|Баракзай|بارکزی|s
achakzai|Ачакзай|اچکزی|s
noorzai|Нурзай|نورزی|s
alizai|Ализай|علیزی|s
stanikzai|Станикзай|ستانکزی|s
mohmand|Моҳманд|مهمند|s
shinwari|Шинворӣ|شینواری|s
wardak|Вардак|وردک|s
haqqani|Ҳаққонӣ|حقانی|s
kakar|Какар|کاکر|s
safi|Софӣ|صافی|s
hotak|Ҳотак|هوتک|s
niazi|Ниёзӣ|نیازی|s
durrani|Дурронӣ|درانی|s
tokhi|Тохӣ|توخی|s
mangal|Мангал|منگل|s
zadran|Задрон|زدران|s
yusufzai|Юсуфзай|یوسفزی|s
panjshiri|Панҷшерӣ|پنجشیری|s
kabuli|Кобулӣ|کابلی|s
herawi|Ҳиравӣ|هروی|s
baghlani|Бағлонӣ|بغلانی|s
badakhshi|Бадахшӣ|بدخشی|s
andarabi|Андаробӣ|اندرابی|s
jalalzai|Ҷалолзай|جلال‌زی|s
sahak|Саҳак|ساهک|s
`;

export const LEMMAS: NameLemma[] = RAW.trim().split('\n').map((l) => {
  const [tag, tajik, dari, kind] = l.split('|') as [string, string, string, NameLemma['kind']];
  return { tag, tajik, dari, kind };
});

/** Pairs of different names that share a consonant skeleton (namesake negatives use them). */
export const LOOK_ALIKE: Array<[string, string]> = [
  ['hasan', 'husayn'], ['muhammad', 'mahmud'], ['salim', 'salam'], ['hamid', 'hamed'], ['karim', 'karima'],
  ['rahim', 'rahima'], ['jamil', 'jamila'], ['hamid', 'hamida'], ['latif', 'latifa'], ['farid', 'farida'],
  ['akram', 'ikram'], ['nasir', 'nazir'], ['jalal', 'jalil'], ['kamal', 'jamal'], ['munir', 'munira'], ['salim', 'salima'],
  ['amin', 'amir'], ['zakir', 'zahir'], ['rafiq', 'shafiq'], ['sadiq', 'siddiq'], ['nasim', 'nasiba'],
];
