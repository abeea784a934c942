/** Surnames, tribal names and compound given names (continuation of dictionary-data.ts). */
export const NAME_DATA_2 = `
zadran|Задрон|زدران|s|Zadran,Dzadran
haqqani|Ҳаққонӣ|حقانی|s|Haqqani,Hakkani,Haqani
popalzai|Попалзай|پوپلزی|s|Popalzai,Popolzai
barakzai|Баракзай|بارکزی|s|Barakzai,Barakzay
achakzai|Ачакзай|اچکزی|s|Achakzai
alizai|Ализай|علیزی|s|Alizai
ahmadzai|Аҳмадзай|احمدزی|s|Ahmadzai
noorzai|Нурзай|نورزی|s|Noorzai,Nurzai
mohmand|Мӯҳманд|مهمند|s|Mohmand,Momand
shinwari|Шинворӣ|شینواری|s|Shinwari,Shinvari
safi|Софӣ|صافی|s|Safi
stanikzai|Станикзай|ستانکزی|s|Stanekzai,Stanikzai
hotak|Ҳотак|هوتک|s|Hotak,Hotaki
ghilzai|Ғилзай|غلزی|s|Ghilzai,Ghalzai
tokhi|Тохӣ|توخی|s|Tokhi,Tokhy
wardak|Вардак|وردک|s|Wardak,Vardak
kakar|Какар|کاکر|s|Kakar
mangal|Мангал|منگل|s|
afridi|Афридӣ|آفریدی|s|Afridi
durrani|Дурронӣ|درانی|s|Durrani,Durani
yusufzai|Юсуфзай|یوسفزی|s|Yousafzai,Yusufzai
karzai|Карзай|کرزی|s|Karzai
sherzai|Шерзай|شیرزی|s|Sherzai,Shirzai
mujaddidi|Муҷаддидӣ|مجددی|s|Mojaddedi,Mujaddidi
rabbani|Раббонӣ|ربانی|s|Rabbani
hekmatyar|Ҳикматёр|حکمتیار|s|Hekmatyar,Hikmatyar
akhund|Охунд|آخوند|s|Akhund,Akhundzada,Okhund
sadat|Саодат|سادات|s|Sadat,Saodat
baloch|Балуҷ|بلوچ|s|Baluch,Baloch
hazara|Ҳазора|هزاره|s|Hazara
jalali|Ҷалолӣ|جلالی|s|Jalali
hashimi|Ҳошимӣ|هاشمی|s|Hashemi,Hashimi
husaini|Ҳусайнӣ|حسینی|s|Hosseini,Husaini,Hussaini
noori|Нурӣ|نوری|s|Noori,Nuri
amiri|Амирӣ|امیری|s|Amiri
qaderi|Қодирӣ|قادری|s|Qaderi,Qadiri
naseri|Носирӣ|ناصری|s|Naseri,Nasiri
azizi|Азизӣ|عزیزی|s|Azizi
habibi|Ҳабибӣ|حبیبی|s|Habibi
mansuri|Мансурӣ|منصوری|s|Mansoori
sharifi|Шарифӣ|شریفی|s|Sharifi
samadi|Самадӣ|صمدی|s|Samadi
kabuli|Кобулӣ|کابلی|s|Kabuli
badakhshi|Бадахшӣ|بدخشی|s|Badakhshi
panjshiri|Панҷшерӣ|پنجشیری|s|Panjshiri
sangin|Сангин|سنگین|m|Sangeen
tursun|Турсун|ترسون|m|Tursun
kurbonali|Қурбоналӣ|قربانعلی|m|Qurbanali,Kurbanali
jurabek|Ҷӯрабек|جوره‌بیک|m|Jurabek,Dzhurabek
rahmatali|Раҳматалӣ|رحمتعلی|m|
dostmuhammad|Дӯстмуҳаммад|دوست‌محمد|m|Dost Mohammad,Dost Muhammad
gulmuhammad|Гулмуҳаммад|گل‌محمد|m|Gul Mohammad,Gul Muhammad
nazarmuhammad|Назармуҳаммад|نظرمحمد|m|Nazar Mohammad
faizmuhammad|Файзмуҳаммад|فیض‌محمد|m|Faiz Mohammad
shermuhammad|Шермуҳаммад|شیرمحمد|m|Sher Mohammad,Shir Mohammad
gulahmad|Гулаҳмад|گل‌احمد|m|Gul Ahmad
gulrahmon|Гулраҳмон|گل‌رحمان|m|Gul Rahman
nurmuhammad|Нурмуҳаммад|نورمحمد|m|Nur Mohammad,Noor Mohammad
yormuhammad|Ёрмуҳаммад|یارمحمد|m|Yar Mohammad
alimuhammad|Алимуҳаммад|علی‌محمد|m|Ali Mohammad
jonmuhammad|Ҷонмуҳаммад|جان‌محمد|m|Jan Mohammad
omir|Омир|عامر|m|Aamir,Amer,Aamer
`;
