import { describe, expect, it } from 'vitest';
import { dictionary, lookupByPhon } from './dictionary.ts';
import { readerName, type ReaderScript } from './display.ts';
import { normalizeName } from './normalize.ts';
import { phoneticToken } from './translit.ts';

const LATIN = /[A-Za-z]/;
const CYRILLIC = /[\u0400-\u04ff]/;
const ARABIC = /[\u0600-\u06ff]/;
const foreign: Record<ReaderScript, RegExp[]> = { latin: [CYRILLIC, ARABIC], cyrillic: [LATIN, ARABIC], arabic: [LATIN, CYRILLIC] };

describe('names in the reader\'s script', () => {
  it('every dictionary name, from each of its spellings, in every script: the dictionary\'s form, never mixed scripts', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const e of dictionary()) {
      const want: Record<ReaderScript, string> = { latin: e.key[0]!.toUpperCase() + e.key.slice(1), cyrillic: e.tajik, arabic: e.dari };
      for (const [src, arabic] of [[e.tajik, false], [e.russian, false], [e.dari, true], [e.latin[0]!, false]] as const) {
        // a spelling shared with another name reads as that name: not this entry's to check
        if (lookupByPhon(phoneticToken(normalizeName(src).replace(/ /g, '')), arabic) !== e) continue;
        for (const target of ['latin', 'cyrillic', 'arabic'] as const) {
          const got = readerName(src, target);
          checked++;
          if (foreign[target].some((re) => re.test(got))) wrong.push(`${src} → ${target}: ${got} (mixed scripts)`);
          else if (e.kind !== 't' && got.replace(/\u200c/g, '') !== want[target].replace(/\u200c/g, '')) wrong.push(`${src} → ${target}: ${got}, dictionary ${want[target]}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(wrong, wrong.slice(0, 30).join('\n')).toEqual([]);
  });

  it.each([
    ['کریمی', 'latin', 'Karimi'], ['Абдуллоев', 'arabic', 'عبدالله\u200cیف'], ['سراج الدین حقانی', 'latin', 'Sirojiddin Haqqani'],
    ['Зарина Каримова', 'latin', 'Zarina Karimova'], ['Farrukh Sharipov', 'arabic', 'فروخ شریپوف'], ['Jamshed Karimov ibn Rahim', 'cyrillic', 'Ҷамшед Каримов ибни Раҳим'],
  ] as const)('%s in %s is %s', (name, target, want) => {
    expect(readerName(name, target)).toBe(want);
  });
});
