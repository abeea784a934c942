import { ApiError, upload } from '../../api.ts';
import type { ImportReport } from './types.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a partner sheet (XLSX, or CSV by its name) with upload progress. */
export function uploadSheet(file: File, onProgress: (fraction: number) => void): Promise<ImportReport> {
  const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
  return upload<ImportReport>('/api/initiatives/import?sheet=initiatives', file, csv ? 'text/csv' : XLSX, onProgress);
}

/** The import's whole-file refusals, by HTTP status (the web client keeps only the shared codes). */
export function sheetErrorCode(e: unknown): 'NOT_A_SPREADSHEET' | 'SPREADSHEET_TOO_LARGE' | 'SPREADSHEET_LAYOUT' | null {
  if (!(e instanceof ApiError)) return null;
  if (e.status === 415) return 'NOT_A_SPREADSHEET';
  if (e.status === 413) return 'SPREADSHEET_TOO_LARGE';
  if (e.status === 400) return 'SPREADSHEET_LAYOUT';
  return null;
}
