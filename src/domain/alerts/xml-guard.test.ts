import { describe, expect, it } from 'vitest';
import { guardXml, XmlGuardError } from './xml-guard.ts';

const code = (xml: string, max?: number) => {
  try {
    guardXml(xml, max);
    return 'ok';
  } catch (err) {
    return err instanceof XmlGuardError ? err.code : 'other';
  }
};

describe('guardXml', () => {
  it('refuses every kind of DTD declaration, in any case', () => {
    for (const xml of ['<!DOCTYPE a><a/>', '<!doctype a><a/>', '<a><!ENTITY x "y"></a>', '<!ELEMENT a ANY><a/>']) expect(code(xml)).toBe('XML_FORBIDDEN_CONSTRUCT');
  });

  it('counts depth through attributes, self-closing tags, comments, CDATA and processing instructions', () => {
    const nest = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(code(nest(3), 3)).toBe('ok');
    expect(code(nest(4), 3)).toBe('XML_TOO_DEEP');
    expect(code('<?xml version="1.0"?><a><b x="1>2" y=\'/>\'><c/><c/><!-- <d><d><d> --><![CDATA[<d><d><d>]]></b></a>', 3)).toBe('ok');
    // A quoted "/>" must not hide an element that really opens.
    expect(code('<a><b x="/>"><c><d></d></c></b></a>', 3)).toBe('XML_TOO_DEEP');
  });

  it('leaves unterminated markup to the parser', () => {
    expect(code('<a><b x="')).toBe('ok');
    expect(code('<a><!-- never closed')).toBe('ok');
  });
});
