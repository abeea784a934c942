import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasIdentifier, sameTraveller, travellerIdentifiers, travellerKeys } from './traveller-keys.ts';

const secret = randomBytes(32);

describe('traveller keys', () => {
  it('are the same for the name in any script or order, with the same birth date or document', () => {
    const a = travellerKeys(secret, { name: 'Farrukh Sharipov', birthDate: '1990-01-01', document: 'P 0123-4567' });
    const b = travellerKeys(secret, { name: 'Шарипов Фаррух', birthDate: '1990-01-01', document: 'p01234567' });
    expect(b).toEqual(a);
    expect(a.birth).toMatch(/^[0-9a-f]{64}$/);
  });

  it('are keyed: another node secret gives other keys', () => {
    const q = { name: 'Farrukh Sharipov', birthDate: '1990-01-01' };
    expect(travellerKeys(randomBytes(32), q).birth).not.toBe(travellerKeys(secret, q).birth);
  });

  it('need a full birth date or a document; a birth year or a name alone identifies no one', () => {
    expect(hasIdentifier(travellerKeys(secret, { name: 'Farrukh Sharipov' }))).toBe(false);
    expect(hasIdentifier(travellerKeys(secret, { name: 'Farrukh Sharipov', birthDate: '1990' }))).toBe(false);
    expect(travellerIdentifiers({ name: 'Farrukh Sharipov', birthDate: '1990-01-01' }).document).toBeNull();
    expect(hasIdentifier(travellerKeys(secret, { document: '401234567' }))).toBe(true);
    // Separators only: no document.
    expect(travellerKeys(secret, { name: 'X Y', document: ' - ' }).document).toBeNull();
  });

  it('match when an identifier present on both sides agrees and none present on both sides disagrees', () => {
    const k = (birth: string | null, document: string | null) => ({ birth, document });
    expect(sameTraveller(k('b1', null), k('b1', 'd9'))).toBe(true);
    expect(sameTraveller(k('b1', 'd1'), k('b1', 'd1'))).toBe(true);
    expect(sameTraveller(k('b1', 'd1'), k('b1', 'd2'))).toBe(false);
    expect(sameTraveller(k('b1', null), k(null, 'd1'))).toBe(false);
    expect(sameTraveller(k('b1', null), k('b2', null))).toBe(false);
    expect(sameTraveller(k(null, null), k(null, null))).toBe(false);
  });
});
