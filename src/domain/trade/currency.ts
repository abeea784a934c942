import cc from 'currency-codes';

/** ISO 4217 alphabetic codes in force (the `currency-codes` package, ISO list one); not XXX/XTS. */
const NOT_MONEY = new Set(['XXX', 'XTS']);

export function isIso4217(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && !NOT_MONEY.has(code) && cc.code(code) !== undefined;
}

export const ISO_4217_PUBLISHED = cc.publishDate;
