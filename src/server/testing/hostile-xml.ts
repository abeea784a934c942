/** XML files an attacker would upload to an importer; shared by the HTTP and CLI tests. */
const people = (ref: string) =>
  `<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>${ref}</REFERENCE_NUMBER><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;

const lol = (n: number) => `<!ENTITY lol${n} "${`&lol${n - 1};`.repeat(10)}">`;

export const HOSTILE_XML = {
  billionLaughs: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(lol).join('')}]>${people('&lol9;')}`,
  xxe: `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${people('&xxe;')}`,
  /** A parameter entity fetched from the network: refused just the same. */
  xxeParameter: `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote;]>${people('X')}`,
  deepNesting: `<CONSOLIDATED_LIST>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</CONSOLIDATED_LIST>`,
  truncated: (xml: string) => xml.slice(0, Math.floor(xml.length / 2)),
  notTheList: '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title></entry></feed>',
} as const;
