import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const XSD = fs.readFileSync(path.resolve('datasets/cap/CAP-v1.2.xsd'), 'utf8');

/** Validates a document against the OASIS CAP 1.2 schema (datasets/cap) with xmllint; returns its errors. */
export async function capSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'alert.xml', contents: xml }], schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
