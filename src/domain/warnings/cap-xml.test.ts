import { describe, expect, it } from 'vitest';
import { capSchemaErrors } from '../../server/testing/cap-schema.ts';
import { expiresAt, infoForLanguage, isActiveWarning, referenceOf, worstSeverity } from './cap.ts';
import { buildCapXml, CapError, parseCapXml, parsePolygon } from './cap-xml.ts';
import { sampleCap } from './fixtures.testing.ts';

const codeOf = (xml: string) => {
  try {
    parseCapXml(xml);
  } catch (err) {
    if (err instanceof CapError) return { code: err.code, path: err.path, message: err.message };
    throw err;
  }
  return null;
};
const minimal = (inner: string, header = '<identifier>X-1</identifier>') =>
  `<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${header}<sender>s@x</sender><sent>2026-04-12T06:00:00+05:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>` +
  `<info><category>Met</category><event>Flood</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>${inner}</info></alert>`;

describe('CAP 1.2 XML', () => {
  it('exports a document valid against the OASIS schema and reads back the same message', async () => {
    const cap = sampleCap();
    const xml = buildCapXml(cap);
    expect(await capSchemaErrors(xml)).toEqual([]);
    expect(parseCapXml(xml)).toEqual(cap);
    expect(xml).toContain('&lt;closed&gt;');
    expect(xml).toContain('<polygon>37.5,71.5 37.5,71.7 36.7,71.7 36.7,71.5 37.5,71.5</polygon>');
    expect(xml).toContain('<circle>37.49,71.55 10</circle>');
  });

  it('an Update and a Cancel carry their references and validate', async () => {
    const first = sampleCap();
    const update = sampleCap({ identifier: 'TJ-CoES-2026-0412-002', msgType: 'Update', references: [referenceOf(first)] });
    const xml = buildCapXml(update);
    expect(await capSchemaErrors(xml)).toEqual([]);
    expect(parseCapXml(xml).references).toEqual(['warnings@coes.tj,TJ-CoES-2026-0412-001,2026-04-12T06:00:00+05:00']);
  });

  it('the schema itself rejects what the reader rejects (the test schema is not a rubber stamp)', async () => {
    expect(await capSchemaErrors(minimal('').replace('<severity>Severe</severity>', '<severity>Catastrophic</severity>'))).not.toEqual([]);
    expect(await capSchemaErrors(minimal('', ''))).not.toEqual([]);
  });

  it('reads a prefixed CAP document from another system', () => {
    const xml = minimal('<area><areaDesc>Ishkashim</areaDesc><circle>36.72,71.61 5</circle></area>')
      .replace(/<(\/?)([a-zA-Z]+)/g, '<$1cap:$2')
      .replace('<cap:alert xmlns=', '<cap:alert xmlns:cap=')
      .replace('<?xml', '<?xml');
    const cap = parseCapXml(xml.replace('<cap:?xml', '<?xml'));
    expect(cap.info[0]!.area[0]!.circle).toEqual([{ center: [36.72, 71.61], radiusKm: 5 }]);
  });

  it.each([
    ['missing identifier', minimal('', ''), 'CAP_MISSING_FIELD', 'identifier'],
    ['empty identifier', minimal('', '<identifier> </identifier>'), 'CAP_MISSING_FIELD', 'identifier'],
    ['unknown severity', minimal('').replace('<severity>Severe</severity>', '<severity>Catastrophic</severity>'), 'CAP_INVALID_VALUE', 'info[0].severity'],
    ['missing event', minimal('').replace('<event>Flood</event>', ''), 'CAP_MISSING_FIELD', 'info[0].event'],
    ['unclosed polygon', minimal('<area><areaDesc>a</areaDesc><polygon>37,71 37,72 36,72 36,71</polygon></area>'), 'CAP_INVALID_POLYGON', 'info[0].area[0].polygon[0]'],
    ['polygon of 3 points', minimal('<area><areaDesc>a</areaDesc><polygon>37,71 37,72 37,71</polygon></area>'), 'CAP_INVALID_POLYGON', 'info[0].area[0].polygon[0]'],
    ['latitude out of range', minimal('<area><areaDesc>a</areaDesc><polygon>97,71 37,72 36,72 97,71</polygon></area>'), 'CAP_INVALID_POLYGON', 'info[0].area[0].polygon[0][0]'],
    ['longitude out of range', minimal('<area><areaDesc>a</areaDesc><polygon>37,181 37,72 36,72 37,181</polygon></area>'), 'CAP_INVALID_POLYGON', 'info[0].area[0].polygon[0][0]'],
    ['polygon of words', minimal('<area><areaDesc>a</areaDesc><polygon>north of Khorog</polygon></area>'), 'CAP_INVALID_POLYGON', 'info[0].area[0].polygon[0][0]'],
    ['circle without radius', minimal('<area><areaDesc>a</areaDesc><circle>37,71</circle></area>'), 'CAP_INVALID_CIRCLE', 'info[0].area[0].circle[0]'],
    ['date with Z', minimal('').replace('+05:00', 'Z'), 'CAP_INVALID_VALUE', 'sent'],
    ['no info', minimal('').replace(/<info>.*<\/info>/, ''), 'CAP_MISSING_FIELD', 'info'],
    ['an Update naming nothing', minimal('').replace('<msgType>Alert', '<msgType>Update'), 'CAP_INVALID_VALUE', 'references'],
    ['CAP 1.1', minimal('').replace('cap:1.2', 'cap:1.1'), 'NOT_CAP', null],
    ['another document', '<feed xmlns="http://www.w3.org/2005/Atom"/>', 'NOT_CAP', null],
    ['truncated', minimal('').slice(0, 120), 'MALFORMED_XML', null],
    ['a DOCTYPE (XXE)', '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + minimal('').slice(21), 'XML_FORBIDDEN_CONSTRUCT', null],
  ])('refuses %s with a stable code', (_what, xml, code, path) => {
    expect(codeOf(xml)).toMatchObject({ code, path });
  });

  it('polygon text: four pairs, closed', () => {
    expect(parsePolygon('1,2 1,3 2,3 1,2')).toEqual([[1, 2], [1, 3], [2, 3], [1, 2]]);
    expect(() => parsePolygon('1,2 1,3 2,3 1,2.5')).toThrow(/not closed/);
  });

  it('helpers: the reader language, worst severity, expiry, activity', () => {
    const cap = sampleCap();
    expect(infoForLanguage(cap, 'fa').headline).toBe('سیلاب در دریای پنج');
    expect(infoForLanguage(cap, 'ru-RU').event).toBe('Паводок');
    expect(infoForLanguage(cap, 'ps').language).toBe('en');
    expect(worstSeverity(cap)).toBe('Severe');
    expect(expiresAt(cap)).toBeNull(); // the ru and fa blocks have no expiry
    const body = { cap: sampleCap({ info: [cap.info[0]!] }), sectionIds: [], crossBorder: false, active: true, origin: 'local' as const, gaugeId: null };
    expect(expiresAt(body.cap)).toBe('2026-04-14T01:00:00.000Z');
    expect(isActiveWarning(body, new Date('2026-04-13T00:00:00Z'))).toBe(true);
    expect(isActiveWarning(body, new Date('2026-04-15T00:00:00Z'))).toBe(false);
    expect(isActiveWarning({ ...body, active: false }, new Date('2026-04-13T00:00:00Z'))).toBe(false);
  });
});
