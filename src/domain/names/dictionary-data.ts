/**
 * Name parts common in Tajikistan and Afghanistan: `key|Tajik Cyrillic|Dari|flags|other Latin spellings`.
 * flags: m male given, f female given, x either, s surname/tribal/clan element, t title/particle;
 * '*' very common (weak evidence), '+' common. Russian Cyrillic and most Latin spellings
 * are derived by rule; only irregular spellings are listed.
 */
export const NAME_DATA = `
muhammad|Муҳаммад|محمد|m*|Mohammad,Mohammed,Muhammed,Mukhammad,Magomed,Mahmad,Mohamad,Mohd,Mukhammed,Mamad
ahmad|Аҳмад|احمد|m*|Ahmed,Akhmad,Akhmed
mahmud|Маҳмуд|محمود|m+|Mahmood,Makhmud,Mahmoud
muhammadali|Муҳаммадалӣ|محمدعلی|m|Mohammadali
ali|Алӣ|علی|m*|Aly
hasan|Ҳасан|حسن|m+|Hassan,Khasan
husayn|Ҳусайн|حسین|m+|Hussein,Hussain,Husain,Hosein,Khusein,Husein,Hossein
abdullah|Абдулло|عبدالله|m+|Abdulla,Abdullo,Abdullaev,Abdulloh
abdurahmon|Абдураҳмон|عبدالرحمن|m|Abdul Rahman,Abdurahman,Abdurrahman,Abdurakhmon,Abdulrahman,Abdurrahmon
abdurahim|Абдураҳим|عبدالرحیم|m|Abdul Rahim,Abdurakhim,Abdurrahim
abdukarim|Абдукарим|عبدالکریم|m|Abdul Karim,Abdulkarim
abduqodir|Абдуқодир|عبدالقادر|m|Abdul Qadir,Abdulkadir,Abdukadyr,Abdulqadir
abdusalom|Абдусалом|عبدالسلام|m|Abdul Salam,Abdussalam,Abdusalam
abdurashid|Абдурашид|عبدالرشید|m|Abdul Rashid,Abdurrashid
abdulhamid|Абдулҳамид|عبدالحمید|m|Abdul Hamid,Abdulkhamid
abdulvahob|Абдулваҳоб|عبدالوهاب|m|Abdul Wahab,Abdulwahab
abdulghafur|Абдулғафур|عبدالغفور|m|Abdul Ghafoor,Abdulgafur
abdulhaq|Абдулҳақ|عبدالحق|m|Abdul Haq,Abdulhak
abdulmalik|Абдулмалик|عبدالملک|m|Abdul Malik
abdulaziz|Абдулазиз|عبدالعزیز|m|Abdul Aziz
abdulbasir|Абдулбосир|عبدالبصیر|m|Abdul Basir
abdujalil|Абдуҷалил|عبدالجلیل|m|Abdul Jalil,Abduzhalil
abdulatif|Абдулатиф|عبداللطیف|m|Abdul Latif,Abdullatif
abdusamad|Абдусамад|عبدالصمد|m|Abdul Samad
abdulvahid|Абдулвоҳид|عبدالواحد|m|Abdul Wahid
abduhalim|Абдуҳалим|عبدالحلیم|m|Abdul Halim
abdulqayum|Абдулқаюм|عبدالقیوم|m|Abdul Qayum,Abdulkayum
abdulmanon|Абдулманон|عبدالمنان|m|Abdul Manan
abdurauf|Абдурауф|عبدالرئوف|m|Abdul Rauf,Abdurrauf
abdughani|Абдуғанӣ|عبدالغنی|m|Abdul Ghani,Abdugani
abdulhakim|Абдулҳаким|عبدالحکیم|m|Abdul Hakim
abdusattor|Абдусаттор|عبدالستار|m|Abdul Sattar,Abdusattar
abdulhadi|Абдулҳодӣ|عبدالهادی|m|Abdul Hadi
abdulbari|Абдулборӣ|عبدالباری|m|Abdul Bari
abdulvali|Абдулвалӣ|عبدالولی|m|Abdul Wali
abdulhay|Абдулҳай|عبدالحی|m|Abdul Hai,Abdul Hay
abdulkabir|Абдулкабир|عبدالکبیر|m|Abdul Kabir
abdunabi|Абдунабӣ|عبدالنبی|m|Abdul Nabi
abdurazzoq|Абдураззоқ|عبدالرزاق|m|Abdul Razaq,Abdurazak,Abdurazzak
amanullah|Амонулло|امان‌الله|m|Amanullah,Amanulla
hidoyatullah|Ҳидоятулло|هدایت‌الله|m|Hidayatullah
habibullah|Ҳабибулло|حبیب‌الله|m|Habibullah,Khabibulla
hikmatullah|Ҳикматулло|حکمت‌الله|m|Hekmatullah,Hikmatulla
khairullah|Хайрулло|خیرالله|m|Khairullah,Khayrulla,Hairullah
nasrullah|Насрулло|نصرالله|m|Nasrullah
najibullah|Наҷибулло|نجیب‌الله|m|Najibullah,Nadzhibulla
nurullah|Нурулло|نورالله|m|Noorullah,Nurulla
rahmatullah|Раҳматулло|رحمت‌الله|m|Rahmatullah,Rakhmatulla
sanaullah|Санаулло|ثناءالله|m|Sanaullah
saifullah|Сайфулло|سیف‌الله|m|Saifullah,Sayfulla
ziyaullah|Зиёулло|ضیاءالله|m|Ziaullah,Ziyaulla
ubaydullah|Убайдулло|عبیدالله|m|Obaidullah,Ubaydulla
asadullah|Асадулло|اسدالله|m|Asadullah
ismatullah|Исматулло|عصمت‌الله|m|Esmatullah,Ismatulla
zabihullah|Забеҳулло|ذبیح‌الله|m|Zabihullah,Zabiullah
inoyatullah|Иноятулло|عنایت‌الله|m|Enayatullah,Inayatullah
fazlullah|Фазлулло|فضل‌الله|m|Fazlullah
atoullah|Атоулло|عطاءالله|m|Ataullah,Atoulla
azizullah|Азизулло|عزیزالله|m|Azizullah
ruhullah|Руҳулло|روح‌الله|m|Ruhullah
kalimullah|Калимулло|کلیم‌الله|m|Kalimullah
sayfuddin|Сайфуддин|سیف‌الدین|m|Saifuddin,Sayfiddin,Saif ud Din
nuriddin|Нуриддин|نورالدین|m|Nuruddin,Nooruddin,Nur ud Din,Nuritdin
sirojiddin|Сироҷиддин|سراج‌الدین|m|Sirajuddin,Sirojiddin,Sirazhiddin
jaloliddin|Ҷалолиддин|جلال‌الدین|m|Jalaluddin,Dzhaloliddin,Jalal ud Din
kamoliddin|Камолиддин|کمال‌الدین|m|Kamaluddin,Kamalitdin
bahouddin|Баҳоуддин|بهاءالدین|m|Bahauddin,Bakhovuddin
zainiddin|Зайниддин|زین‌الدین|m|Zainuddin,Zayniddin
shamsiddin|Шамсиддин|شمس‌الدین|m|Shamsuddin,Shamsutdin
gulbuddin|Гулбуддин|گلبدین|m|Gulbudin
qutbiddin|Қутбиддин|قطب‌الدین|m|Qutbuddin,Kutbiddin
fakhriddin|Фахриддин|فخرالدین|m|Fakhruddin,Fakhritdin
najmiddin|Наҷмиддин|نجم‌الدین|m|Najmuddin
salohiddin|Салоҳиддин|صلاح‌الدین|m|Salahuddin,Salokhiddin
muhiddin|Муҳиддин|محی‌الدین|m|Mohiuddin,Mukhiddin,Muhyiddin
alovuddin|Алоуддин|علاءالدین|m|Alauddin,Alovuddin
imomali|Имомалӣ|امامعلی|m|Imamali,Emomali
jamshed|Ҷамшед|جمشید|m|Jamshid,Djamchid,Dschamschid
rustam|Рустам|رستم|m|Rostam
sohrob|Суҳроб|سهراب|m|Sohrab,Suhrob,Sukhrob
firuz|Фирӯз|فیروز|m|Firouz,Feroz,Firoz,Firooz
davlat|Давлат|دولت|m|Dawlat,Daulat
safar|Сафар|سفر|m|
qodir|Қодир|قادر|m|Kadyr,Qadir,Kodir,Kadir,Qader
karim|Карим|کریم|m+|Kareem,Karym
rahim|Раҳим|رحیم|m+|Rakhim,Raheem
rahmon|Раҳмон|رحمان|m+|Rahman,Rakhmon,Rakhman
sharif|Шариф|شریف|m|Shareef
nazar|Назар|نظر|m|
gul|Гул|گل|x*|Gol
khan|Хон|خان|s*|Kan,Xon
jon|Ҷон|جان|s*|Jan,Dzhon,Zhan
mir|Мир|میر|s+|Meer
shoh|Шоҳ|شاه|s+|Shah,Shokh,Sha
nur|Нур|نور|x+|Noor
zarina|Зарина|زرینه|f|Zareena
bahrom|Баҳром|بهرام|m|Bahram,Bakhrom
behruz|Беҳрӯз|بهروز|m|Behrooz,Bekhruz,Bihruz
farhod|Фарҳод|فرهاد|m|Farhad,Farkhod
faridun|Фаридун|فریدون|m|Fereydoun,Fariddun,Feridun
khurshed|Хуршед|خورشید|m|Khurshid,Khorshid,Hurshed
khusrav|Хусрав|خسرو|m|Khosrow,Khusraw,Khusrau,Khosrav
shahrom|Шаҳром|شهرام|m|Shahram,Shakhrom
shodmon|Шодмон|شادمان|m|Shadman
parviz|Парвиз|پرویز|m|Parwiz,Parvez,Perviz
manuchehr|Манучеҳр|منوچهر|m|Manouchehr,Manuchekhr
siyovush|Сиёвуш|سیاوش|m|Siyavash,Siavash,Siyovush
umed|Умед|امید|m|Omid,Umid
navruz|Наврӯз|نوروز|m|Nowruz,Navruz,Nauruz
dilshod|Дилшод|دلشاد|m|Dilshad
bahodur|Баҳодур|بهادر|m|Bahadur,Bakhodur
nodir|Нодир|نادر|m|Nadir,Nader
zafar|Зафар|ظفر|m|
anvar|Анвар|انور|m|Anwar
akbar|Акбар|اکبر|m+|
asghar|Асғар|اصغر|m|Asgar,Askar
azim|Азим|عظیم|m|Azeem
aziz|Азиз|عزیز|m+|Azeez
bakhtiyor|Бахтиёр|بختیار|m|Bakhtiyar,Bakhtiar,Baxtiyor
bobur|Бобур|بابر|m|Babur,Babar
daler|Далер|دلیر|m|Dalir,Daleer
dovud|Довуд|داوود|m|Dawood,Davud,Daud,Dawud,Daoud
dzhumaboy|Ҷумъабой|جمعه‌بای|m|Jumaboy,Jumabay
juma|Ҷумъа|جمعه|m|Juma,Jumah,Dzhuma
ergash|Эргаш|ارگش|m|
faizullo|Файзулло|فیض‌الله|m|Faizullah,Fayzulla,Fayzullo
fayz|Файз|فیض|m|Faiz,Fayez
habib|Ҳабиб|حبیب|m|Khabib,Habeeb
hakim|Ҳаким|حکیم|m|Khakim,Hakeem
halim|Ҳалим|حلیم|m|Khalim
hamza|Ҳамза|حمزه|m|Khamza
hayot|Ҳаёт|حیات|m|Hayat,Khayot
hikmat|Ҳикмат|حکمت|m|Hekmat,Khikmat
ibrohim|Иброҳим|ابراهیم|m|Ibrahim,Ebrahim,Ibragim,Ibrokhim
ismoil|Исмоил|اسماعیل|m|Ismail,Esmail,Ismoil,Ismael
ishoq|Исҳоқ|اسحاق|m|Ishaq,Iskhak,Ishak
yaqub|Яъқуб|یعقوب|m|Yakub,Yaqoob,Yoqub,Yakob,Yaqub
yusuf|Юсуф|یوسف|m|Yousuf,Yusof,Yousef,Yusup
yunus|Юнус|یونس|m|Younis,Younus
ilyos|Илёс|الیاس|m|Ilyas,Elias,Iljas
iskandar|Искандар|اسکندر|m|Eskandar,Iskander
islom|Ислом|اسلام|m|Islam,Eslam
jalol|Ҷалол|جلال|m|Jalal,Dzhalol
jalil|Ҷалил|جلیل|m|Jaleel,Dzhalil
jamol|Ҷамол|جمال|m|Jamal,Dzhamol
jumakhon|Ҷумъахон|جمعه‌خان|m|Juma Khan,Jumakhan
kamol|Камол|کمال|m|Kamal
latif|Латиф|لطیف|m|Lateef
majid|Маҷид|مجید|m|Majeed,Madzhid
malik|Малик|ملک|m|
mansur|Мансур|منصور|m|Mansoor,Mansour
masud|Масъуд|مسعود|m|Masood,Massoud,Masoud,Masud
mirzo|Мирзо|میرزا|m|Mirza
muso|Мусо|موسی|m|Musa,Mousa,Moosa
isa|Исо|عیسی|m|Isa,Eesa
nabi|Набӣ|نبی|m|Nabi
najib|Наҷиб|نجیب|m|Najeeb,Nadzhib
nasim|Насим|نسیم|m|Naseem
nasir|Носир|ناصر|m|Nasir,Naser,Nosir
navid|Навид|نوید|m|Naveed
nizom|Низом|نظام|m|Nizam
qosim|Қосим|قاسم|m|Qasim,Kasym,Kasim,Qassem
qurbon|Қурбон|قربان|m|Qurban,Kurban,Kurbon
rashid|Рашид|رشید|m+|Rasheed
rauf|Рауф|رئوف|m|Raouf
saidali|Саидалӣ|سعیدعلی|m|
said|Саид|سعید|m+|Saeed,Sayeed,Saiid
sayid|Сайид|سید|s+|Sayed,Sayyid,Syed,Seyed,Sayyed,Sayid
salim|Салим|سلیم|m|Saleem
sami|Сомӣ|سامی|m|Sami,Somi
sanjar|Санҷар|سنجر|m|
shamsher|Шамшер|شمشیر|m|Shamshir
sher|Шер|شیر|x+|Shir
sherali|Шералӣ|شیرعلی|m|Sherali,Shir Ali
shukrullo|Шукрулло|شکرالله|m|Shukrullah
sulaymon|Сулаймон|سلیمان|m|Sulaiman,Suleiman,Sulayman,Soleiman
sulton|Султон|سلطان|m|Sultan
tohir|Тоҳир|طاهر|m|Tahir,Tokhir,Taher
tolib|Толиб|طالب|m|Talib,Taleb
umar|Умар|عمر|m|Omar,Umar
usmon|Усмон|عثمان|m|Usman,Osman,Uthman
vali|Валӣ|ولی|m|Wali,Vali
vahid|Воҳид|واحد|m|Wahid,Vokhid,Vahid
yahyo|Яҳё|یحیی|m|Yahya,Yakhyo
zokir|Зокир|ذاکر|m|Zakir,Zaker
zubayr|Зубайр|زبیر|m|Zubair,Zubayr
murod|Мурод|مراد|m|Murad,Morad
mustafo|Мустафо|مصطفی|m|Mustafa,Mostafa
muzaffar|Музаффар|مظفر|m|Mozaffar,Muzafar
obid|Обид|عابد|m|Abid,Abed
orif|Ориф|عارف|m|Arif,Aref
qahhor|Қаҳҳор|قهار|m|Qahar,Kakhkhor,Kahhar
rajab|Раҷаб|رجب|m|Radzhab
ramazon|Рамазон|رمضان|m|Ramazan,Ramadan,Ramzan
saidmurod|Саидмурод|سعیدمراد|m|
shuhrat|Шуҳрат|شهرت|m|Shukhrat,Shohrat
sunnat|Суннат|سنت|m|
toir|Тоир|طایر|m|Tair
ulugbek|Улуғбек|الغ‌بیک|m|Ulugbek,Ulughbek
zoir|Зоир|ظاهر|m|Zahir,Zohir,Zaher
abubakr|Абубакр|ابوبکر|m|Abu Bakr,Abubakar
ayub|Айюб|ایوب|m|Ayoub,Ayyub,Ayoob
bilol|Билол|بلال|m|Bilal
faruq|Фарӯқ|فاروق|m|Farooq,Faruk,Farouk
fazl|Фазл|فضل|m|Fazal
ghafur|Ғафур|غفور|m|Ghafoor,Gafur
ghulom|Ғулом|غلام|m+|Ghulam,Gulom,Golam,Gulam
hafiz|Ҳофиз|حافظ|m|Hafez,Khofiz,Hofiz
haydar|Ҳайдар|حیدر|m|Haidar,Khaidar,Heidar
ikrom|Икром|اکرام|m|Ikram,Ekram
inom|Инъом|انعام|m|Inam,Enam
jawad|Ҷавод|جواد|m|Javad,Dzhavod
khalil|Халил|خلیل|m|Khaleel,Halil
khaled|Холид|خالد|m|Khalid,Kholid,Khaled
mujib|Муҷиб|مجیب|m|Mujeeb
munir|Мунир|منیر|m|Muneer
naim|Наим|نعیم|m|Naeem
qais|Қайс|قیس|m|Qays,Kais
rafi|Рафӣ|رفیع|m|Rafi,Rafee
rafiq|Рафиқ|رفیق|m|Rafik,Rafeeq
rasul|Расул|رسول|m|Rasool,Rasoul
sabur|Сабур|صبور|m|Saboor
sadiq|Содиқ|صادق|m|Sadiq,Sodik,Sadeq
samad|Самад|صمد|m|
sardor|Сардор|سردار|m|Sardar
shafiq|Шафиқ|شفیق|m|Shafeeq,Shafik
sharafuddin|Шарафиддин|شرف‌الدین|m|Sharafuddin,Sharofiddin
shokir|Шокир|شاکر|m|Shakir,Shaker
tamim|Тамим|تمیم|m|Tameem
wahidullah|Воҳидулло|واحدالله|m|Wahidullah
yasin|Ёсин|یاسین|m|Yaseen,Yasin,Yosin
zahid|Зоҳид|زاهد|m|Zahid,Zokhid
zakariyo|Закариё|زکریا|m|Zakaria,Zakariya
ziyo|Зиё|ضیا|m|Zia,Ziya
amin|Амин|امین|m|Ameen
anis|Анис|انیس|m|Anees
arash|Араш|آرش|m|
asad|Асад|اسد|m|
ashraf|Ашраф|اشرف|m|
atiq|Атиқ|عتیق|m|Ateeq,Atik
baqi|Боқӣ|باقی|m|Baqi,Boki
basir|Босир|بصیر|m|Basir,Baseer
fahim|Фаҳим|فهیم|m|Faheem,Fakhim
farid|Фарид|فرید|m|Fareed
ghani|Ғанӣ|غنی|m|Ghani,Gani
hamid|Ҳамид|حمید|m+|Hameed,Khamid
hashim|Ҳошим|هاشم|m|Hashem,Khoshim,Hoshim
idris|Идрис|ادریس|m|Edris
jabbor|Ҷаббор|جبار|m|Jabbar,Dzhabbor
kabir|Кабир|کبیر|m|Kabeer
khalilullah|Халилулло|خلیل‌الله|m|Khalilullah
latifullah|Латифулло|لطیف‌الله|m|Latifullah
matin|Матин|متین|m|Mateen
mirvais|Мирвайс|میرویس|m|Mirwais,Mirways
mubin|Мубин|مبین|m|Mobin
nasrin|Насрин|نسرین|f|
qayum|Қаюм|قیوم|m|Qayyum,Kayum
saber|Собир|صابر|m|Sabir,Sobir,Saber
sabit|Собит|ثابت|m|Sabit,Sobit,Sabet
shoista|Шоиста|شایسته|f|Shaista,Shayesta
tahmina|Таҳмина|تهمینه|f|Tahmina,Takhmina
vaziri|Вазирӣ|وزیری|s|Waziri
wazir|Вазир|وزیر|m|Vazir
yaar|Ёр|یار|s|Yar,Yor
zalmay|Залмай|زلمی|m|Zalmai
ajmal|Аҷмал|اجمل|m|
akram|Акрам|اکرم|m|
alam|Алам|عالم|m|Olim,Alim
amir|Амир|امیر|m+|Ameer,Emir
arslon|Арслон|ارسلان|m|Arslan
bashir|Башир|بشیر|m|Basheer
bek|Бек|بیگ|s+|Beg,Baig,Bey
dost|Дӯст|دوست|m|Dost,Dust,Dusti
ehson|Эҳсон|احسان|m|Ehsan,Ihsan,Ekhson
eshon|Эшон|ایشان|t|Ishan,Eshan
fozil|Фозил|فاضل|m|Fazil,Fazel
hoji|Ҳоҷӣ|حاجی|t|Haji,Hajji,Hodzhi,Hadji,Khodzhi
ikhtiyor|Ихтиёр|اختیار|m|Ikhtiyar
ilhom|Илҳом|الهام|m|Ilham,Ilkhom
isroil|Исроил|اسرائیل|m|Israil
kholiq|Холиқ|خالق|m|Khaliq,Kholik
komil|Комил|کامل|m|Kamil,Kamel
latofat|Латофат|لطافت|f|
mahbub|Маҳбуб|محبوب|m|Mahboob,Makhbub
mavlono|Мавлоно|مولانا|t|Mawlana,Maulana,Mavlana
mavlavi|Мавлавӣ|مولوی|t|Mawlawi,Maulvi,Mawlavi,Moulavi
mullo|Мулло|ملا|t|Mullah,Mulla,Molla,Mollah
muallim|Муаллим|معلم|t|Moallem
ozod|Озод|آزاد|m|Azad
pahlavon|Паҳлавон|پهلوان|m|Pahlawan,Pakhlavon
qudrat|Қудрат|قدرت|m|Qudrat,Kudrat
rahmat|Раҳмат|رحمت|m|Rakhmat
rizo|Ризо|رضا|m|Reza,Riza,Rizo
saidjon|Саидҷон|سعیدجان|m|Saidjan
shahzod|Шаҳзод|شهزاد|m|Shahzad,Shakhzod
shirin|Ширин|شیرین|f|Shireen
siddiq|Сиддиқ|صدیق|m|Siddique,Sediq,Siddik
taqi|Тақӣ|تقی|m|Taqi,Taki
temur|Темур|تیمور|m|Timur,Taimur,Teymur,Timour
toj|Тоҷ|تاج|m|Taj,Toj,Tadzh
tojiddin|Тоҷиддин|تاج‌الدین|m|Tajuddin
vafo|Вафо|وفا|m|Wafa,Vafa
yodgor|Ёдгор|یادگار|m|Yadgar,Yodgor
zaman|Замон|زمان|m|Zaman,Zamon
ahmadshoh|Аҳмадшоҳ|احمدشاه|m|Ahmad Shah,Akhmadshokh
gulnora|Гулнора|گلنار|f|Gulnara,Golnar
mehrangez|Меҳрангез|مهرانگیز|f|Mehrangiz
madina|Мадина|مدینه|f|Medina
malika|Малика|ملیکه|f|
manizha|Манижа|منیژه|f|Manijeh,Manizha,Manija
marjona|Марҷона|مرجانه|f|Marjana,Mardzhona
mastura|Мастура|مستوره|f|
munira|Мунира|منیره|f|
nargis|Наргис|نرگس|f|
nigora|Нигора|نگار|f|Nigara,Negar
parvina|Парвина|پروینه|f|Parwina
parisa|Париса|پریسا|f|
robiya|Робия|رابعه|f|Rabia,Rabiya
sabohat|Сабоҳат|صباحت|f|
shahnoza|Шаҳноза|شهنازه|f|Shahnaza,Shakhnoza
sitora|Ситора|ستاره|f|Setara,Sitara
zulaykho|Зулайхо|زلیخا|f|Zulaikha,Zuleykha,Zulekha
fotima|Фотима|فاطمه|f|Fatima,Fatemeh,Fotima
oisha|Оиша|عایشه|f|Aisha,Aysha,Oysha
mariam|Марям|مریم|f|Maryam,Mariam,Maryam
khadicha|Хадича|خدیجه|f|Khadija,Khadija,Khadidzha
zaynab|Зайнаб|زینب|f|Zainab,Zeinab
latifa|Латифа|لطیفه|f|Lateefa
farida|Фарида|فریده|f|Fareeda
gulbahor|Гулбаҳор|گلبهار|f|Gulbahar,Gulbakhor
gulchehra|Гулчеҳра|گلچهره|f|Gulchehra,Gulchekhra
dilnoza|Дилноза|دلنوازه|f|Dilnaza
firuza|Фирӯза|فیروزه|f|Firouza,Firoza
mahbuba|Маҳбуба|محبوبه|f|Mahbooba
nodira|Нодира|نادره|f|Nadira
rukhsora|Рухсора|رخساره|f|Rukhsara,Rokhsara
salima|Салима|سلیمه|f|Saleema
shabnam|Шабнам|شبنم|f|
tamanno|Таманно|تمنا|f|Tamana,Tamanna
zuhro|Зуҳро|زهرا|f|Zahra,Zuhra,Zohra
hamida|Ҳамида|حمیده|f|Hameeda,Khamida
habiba|Ҳабиба|حبیبه|f|Khabiba
malalai|Малалай|ملالی|f|Malalay
nilufar|Нилуфар|نیلوفر|f|Niloufar,Nilofar
roya|Роя|رویا|f|Roya,Rouya
soraya|Сурайё|ثریا|f|Soraya,Suraya,Surayo
farzona|Фарзона|فرزانه|f|Farzana,Farzaneh
zohida|Зоҳида|زاهده|f|Zahida
karima|Карима|کریمه|f|Kareema
rahima|Раҳима|رحیمه|f|Rakhima
gulsum|Гулсум|کلثوم|f|Kulsum,Kulsoom
`;
