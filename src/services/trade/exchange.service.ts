import { z, ZodError } from 'zod';
import { CsvError } from '../../domain/names/csv.ts';
import { authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { declarationsFromCsv, declarationsToCsv } from '../../domain/trade/declaration-csv.ts';
import { AppError, validation } from '../../errors.ts';
import type { AppContext } from '../context.ts';
import { listDeclarations, prepareDeclaration, saveDeclarations, type PreparedDeclaration } from './declarations.service.ts';

export const MAX_IMPORT = 2000;

interface ImportProblem {
  declaration: number;
  ref: string | null;
  rows?: number[];
  path: string;
  message: string;
}

/**
 * Imports declarations from JSON (an array, or {declarations: [...]}) or CSV. Every declaration
 * is checked first — HS codes, quantities, ISO 4217 currencies, crossing points and their
 * opening days — and nothing is written unless all pass; the answer lists every problem.
 */
export async function importDeclarations(ctx: AppContext, subject: Subject, format: 'json' | 'csv', payload: unknown, now = new Date()) {
  authorize(subject, 'trade:write');
  let inputs: { input: unknown; rows?: number[] }[];
  if (format === 'csv') {
    if (typeof payload !== 'string') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV as text/csv');
    try {
      inputs = declarationsFromCsv(payload);
    } catch (e) {
      if (e instanceof CsvError) throw validation(`CSV: ${e.message}`, [{ path: `line ${e.line}`, message: e.message }]);
      throw e;
    }
  } else {
    const list = Array.isArray(payload) ? payload : z.object({ declarations: z.array(z.unknown()) }).strict().parse(payload).declarations;
    inputs = list.map((input) => ({ input }));
  }
  if (inputs.length === 0) throw validation('no declarations in the file');
  if (inputs.length > MAX_IMPORT) throw validation(`at most ${MAX_IMPORT} declarations per import, got ${inputs.length}`);

  const problems: ImportProblem[] = [];
  const prepared: PreparedDeclaration[] = [];
  const refs = new Set<string>();
  for (const [k, { input, rows }] of inputs.entries()) {
    const ref = typeof input === 'object' && input !== null && typeof (input as { ref?: unknown }).ref === 'string' ? (input as { ref: string }).ref : null;
    if (ref && refs.has(ref)) {
      problems.push({ declaration: k, ref, rows, path: 'ref', message: `reference ${ref} appears twice in the file` });
      continue;
    }
    if (ref) refs.add(ref);
    try {
      prepared.push(await prepareDeclaration(ctx, input, now));
    } catch (e) {
      if (e instanceof ZodError) {
        for (const i of e.issues) problems.push({ declaration: k, ref, rows: rowsOf(rows, i.path), path: i.path.join('.'), message: i.message });
      } else if (e instanceof AppError && e.status < 500) {
        problems.push({ declaration: k, ref, rows, path: (e.details as { field?: string } | undefined)?.field ?? '', message: e.message });
      } else throw e;
    }
  }
  if (problems.length > 0) throw validation(`${problems.length} problem(s) in ${inputs.length} declaration(s); nothing was imported`, problems);
  const saved = await saveDeclarations(ctx, { kind: 'user', subject }, prepared);
  return { imported: saved.length, declarations: saved.map((d) => ({ id: d.id, ref: d.body.ref, lane: d.body.lane })) };
}

/** For a CSV import, the row of the goods item an issue is about (or all the declaration's rows). */
function rowsOf(rows: number[] | undefined, path: PropertyKey[]): number[] | undefined {
  if (!rows) return undefined;
  if (path[0] === 'items' && typeof path[1] === 'number' && rows[path[1]] !== undefined) return [rows[path[1]]!];
  return rows;
}

export async function exportDeclarations(ctx: AppContext, subject: Subject, format: 'json' | 'csv', q: { from?: string; to?: string; crossingPoint?: string }) {
  const list = await listDeclarations(ctx, subject, q);
  if (format === 'csv') return declarationsToCsv(list.map((d) => d.body));
  return list.map((d) => ({ id: d.id, version: d.version, ownerState: d.owner.state, ...d.body }));
}
