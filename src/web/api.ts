// Thin fetch wrapper: JSON in and out, cookie session, CSRF header on state changes,
// errors as ApiError carrying the server's stable error code.
import type en from './i18n/locales/en.ts';

export type ErrorCode = Exclude<keyof typeof en.errors, 'field'>;

const KNOWN_CODES = new Set<string>([
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'MALFORMED_XML',
  'XML_FORBIDDEN_CONSTRUCT',
  'XML_TOO_DEEP',
  'NOT_UN_LIST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'PRECONDITION_REQUIRED',
  'INTERNAL',
  'NETWORK',
  'UNKNOWN',
] satisfies ErrorCode[]);

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    /** Field paths the server reported as invalid, when it says so. */
    readonly fields: string[] = [],
    /** Seconds to wait before trying again (the `Retry-After` header of a 429), when sent. */
    readonly retryAfterSeconds: number | null = null,
    /** The server's code as sent, also when the app has no translation of its own for it (a feature's own codes). */
    readonly serverCode: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request made with a session answers 401 (session expired elsewhere). */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 412) return 'VERSION_CONFLICT';
  if (status === 428) return 'PRECONDITION_REQUIRED';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  return 'UNKNOWN';
}

function fieldsOf(details: unknown): string[] {
  // Accept the common shapes: [{path: ['a','b']}], [{path: 'a.b'}], {fieldErrors: {a: [...]}}.
  const out: string[] = [];
  if (Array.isArray(details)) {
    for (const d of details) {
      if (d && typeof d === 'object' && 'path' in d) {
        const p = (d as { path: unknown }).path;
        if (Array.isArray(p)) out.push(p.join('.'));
        else if (typeof p === 'string') out.push(p.replace(/^\//, '').replaceAll('/', '.'));
      }
    }
  } else if (details && typeof details === 'object' && 'fieldErrors' in details) {
    out.push(...Object.keys((details as { fieldErrors: object }).fieldErrors));
  }
  return [...new Set(out.map((f) => f.replace(/^body\./, '')).filter((f) => f.length > 0))];
}

function retryAfterOf(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

function errorFromBody(status: number, statusText: string, text: string, retryAfter: string | null = null): ApiError {
  let code: ErrorCode = codeForStatus(status);
  let message = statusText;
  let fields: string[] = [];
  let serverCode: string | null = null;
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown; issues?: unknown } };
    serverCode = body.error?.code ?? null;
    if (body.error?.code && KNOWN_CODES.has(body.error.code)) code = body.error.code as ErrorCode;
    if (body.error?.message) message = body.error.message;
    fields = fieldsOf(body.error?.details ?? body.error?.issues);
  } catch {
    /* not JSON */
  }
  return new ApiError(code, status, message, fields, retryAfterOf(retryAfter), serverCode);
}

async function toApiError(res: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    /* no body */
  }
  return errorFromBody(res.status, res.statusText, text, res.headers.get('retry-after'));
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { ...extra, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError('NETWORK', 0, e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (err.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * POST a large body (a file) with upload progress. fetch() cannot report upload progress,
 * so this one uses XMLHttpRequest; `onProgress` gets the sent share 0..1.
 */
export function upload<T>(path: string, body: Blob, contentType: string, onProgress: (share: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', contentType);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onerror = () => reject(new ApiError('NETWORK', 0, 'network error'));
    xhr.onabort = () => reject(new ApiError('NETWORK', 0, 'aborted'));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch (e) {
          reject(new ApiError('UNKNOWN', xhr.status, e instanceof Error ? e.message : String(e)));
        }
        return;
      }
      const err = errorFromBody(xhr.status, xhr.statusText, xhr.responseText, xhr.getResponseHeader('retry-after'));
      if (err.status === 401) onUnauthenticated?.();
      reject(err);
    };
    xhr.send(body);
  });
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /**
   * A change to a versioned record: `If-Match` names the version the user was looking at, so
   * a change made meanwhile by someone else answers VERSION_CONFLICT instead of being lost.
   */
  change: <T>(method: 'POST' | 'PATCH', path: string, version: number, body: unknown = {}) => request<T>(method, path, body, { 'if-match': `"${version}"` }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

export function errorCodeOf(e: unknown): ErrorCode {
  return e instanceof ApiError ? e.code : 'UNKNOWN';
}
