/** Request bodies for warning tests. */
export const KHOROG_FLOOD = {
  info: [
    {
      language: 'en',
      category: ['Met'],
      event: 'Flood',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Likely',
      headline: 'Panj in flood at Khorog',
      instruction: 'Keep away from the river bank.',
      area: [{ areaDesc: 'Panj at Khorog, both banks', polygon: [[[37.55, 71.45], [37.55, 71.65], [37.4, 71.65], [37.4, 71.45], [37.55, 71.45]]] }],
    },
    {
      language: 'fa',
      category: ['Met'],
      event: 'سیلاب',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Likely',
      headline: 'سیلاب در دریای پنج نزدیک خاروغ',
      instruction: 'از کنار دریا دور بمانید.',
      area: [{ areaDesc: 'دریای پنج نزدیک خاروغ، هر دو ساحل', polygon: [[[37.55, 71.45], [37.55, 71.65], [37.4, 71.65], [37.4, 71.45], [37.55, 71.45]]] }],
    },
  ],
};

export const DUSHANBE_STORM = {
  info: [
    {
      language: 'en',
      category: ['Met'],
      event: 'Storm',
      urgency: 'Expected',
      severity: 'Moderate',
      certainty: 'Possible',
      area: [{ areaDesc: 'Dushanbe', circle: [{ center: [38.56, 68.78], radiusKm: 15 }] }],
    },
  ],
};
