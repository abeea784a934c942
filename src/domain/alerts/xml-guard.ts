/**
 * A linear pre-scan of untrusted XML, run before any parser sees it. A DOCTYPE or ENTITY
 * declaration is how external entities (XXE) and entity expansion (billion laughs) get in,
 * and no list we import needs one; deep nesting is how recursive parsers are made to
 * exhaust their stack. Both are refused outright instead of trusting parser options.
 */

export const MAX_XML_DEPTH = 64;

export type XmlGuardCode = 'XML_FORBIDDEN_CONSTRUCT' | 'XML_TOO_DEEP';

export class XmlGuardError extends Error {
  constructor(
    readonly code: XmlGuardCode,
    message: string,
  ) {
    super(message);
    this.name = 'XmlGuardError';
  }
}

const DECLARATION = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i;

/** Index just past the `>` closing the tag opened at `start`, honouring quoted attribute values. */
function tagEnd(xml: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

/** Throws XmlGuardError for a declaration or nesting deeper than maxDepth; unclosed constructs are left to the parser. */
export function guardXml(xml: string, maxDepth = MAX_XML_DEPTH): void {
  const declaration = DECLARATION.exec(xml);
  if (declaration) {
    throw new XmlGuardError('XML_FORBIDDEN_CONSTRUCT', `XML with a ${declaration[1]!.toUpperCase()} declaration is refused (no DTDs or entity declarations are accepted)`);
  }
  let depth = 0;
  let i = xml.indexOf('<');
  while (i !== -1) {
    let next: number;
    if (xml.startsWith('<!--', i)) next = end(xml.indexOf('-->', i + 4), 3);
    else if (xml.startsWith('<![CDATA[', i)) next = end(xml.indexOf(']]>', i + 9), 3);
    else if (xml[i + 1] === '?') next = end(xml.indexOf('?>', i + 2), 2);
    else if (xml[i + 1] === '/') {
      depth -= 1;
      next = end(xml.indexOf('>', i + 2), 1);
    } else {
      next = tagEnd(xml, i);
      if (next !== -1 && xml[next - 2] !== '/') {
        depth += 1;
        if (depth > maxDepth) throw new XmlGuardError('XML_TOO_DEEP', `XML nested deeper than ${maxDepth} elements is refused`);
      }
    }
    if (next === -1) return;
    i = xml.indexOf('<', next);
  }
}

const end = (found: number, length: number) => (found === -1 ? -1 : found + length);
