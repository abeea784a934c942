/** Stable error codes: clients and tests rely on these, never on messages. */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  /** An uploaded XML file is not well-formed (truncated, unbalanced, not XML at all). */
  MALFORMED_XML: 400,
  /** XML with a DOCTYPE/ENTITY declaration: refused before parsing (XXE, entity expansion). */
  XML_FORBIDDEN_CONSTRUCT: 400,
  /** XML nested deeper than the importer accepts (64 elements). */
  XML_TOO_DEEP: 400,
  /** Well-formed XML that is not the UN Security Council Consolidated List. */
  NOT_UN_LIST: 400,
  /** Warnings: well-formed XML that is not a CAP 1.2 <alert>. */
  NOT_CAP: 400,
  /** Warnings: a required CAP element is missing or empty (identifier, sender, sent, info/event…). */
  CAP_MISSING_FIELD: 400,
  /** Warnings: a CAP value outside the specification's list (severity "Catastrophic") or of the wrong form. */
  CAP_INVALID_VALUE: 400,
  /** Warnings: a polygon that is not a closed ring of at least 4 in-range "lat,lon" pairs. */
  CAP_INVALID_POLYGON: 400,
  /** Warnings: a circle that is not "lat,lon radius" in range. */
  CAP_INVALID_CIRCLE: 400,
  /** Warnings: a message with this sender and identifier exists here with other content. */
  CAP_DUPLICATE: 409,
  /** The URL is not valid percent-encoding (e.g. /%E0%A4%A). */
  MALFORMED_URL: 400,
  /** Screening: a false positive needs a full birth date or a document number in the query. */
  IDENTIFIERS_REQUIRED: 400,
  /** Screening: a hit report is filed on a confirmed hit only (pending, false positive, suppressed are not). */
  HIT_NOT_CONFIRMED: 409,
  /** Screening: this hit already has its hit report. */
  HIT_REPORT_EXISTS: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  URI_TOO_LONG: 414,
  /** A known path asked with a method it does not answer; the `Allow` header lists those it does. */
  METHOD_NOT_ALLOWED: 405,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  /** Federation: a signed node request from a node we have not registered as a peer. */
  PEER_UNKNOWN: 401,
  /** Federation: the request signature is missing or does not verify with the peer's key. */
  SIGNATURE_INVALID: 401,
  /** Federation: x-sarhad-date is missing, unparsable or more than 5 minutes away. */
  SIGNATURE_STALE: 401,
  /** Federation: this signed request (its nonce) was already used: a replay. */
  REQUEST_REPLAYED: 401,
  /** Federation: the peer publishes another state or key than the one registered for it. */
  PEER_MISMATCH: 409,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** Trade: the crossing point is closed on the day the declaration says the goods arrive. */
  CROSSING_CLOSED: 409,
  /** Trade, crossing-point editor: an opening or closing time that is not HH:MM (00:00–23:59). */
  HOURS_FORMAT: 400,
  /** Trade, crossing-point editor: a day's closing time not after its opening time. */
  HOURS_ORDER: 400,
  /** Trade, crossing-point editor: a yearly holiday that is not a month-day MM-DD. */
  HOLIDAY_FORMAT: 400,
  /** Trade, crossing-point editor: not a UN/LOCODE (2 letters of the country, 3 of the place). */
  LOCODE_FORMAT: 400,
  /** Trade, crossing-point editor: the UN/LOCODE's country is not the crossing point's state. */
  LOCODE_COUNTRY: 400,
  /** Trade: the crossing point is the other state's; only its own side edits its profile. */
  CROSSING_POINT_NOT_OWN: 403,
  /** An update named a version of the record that is no longer the current one: re-read it. */
  VERSION_CONFLICT: 412,
  /** An update did not say which version it changes (If-Match or `version`). */
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  /** Events: the point is farther from the border than SARHAD_EVENT_MAX_BORDER_KM. */
  LOCATION_OUT_OF_AREA: 400,
  /** Events: a time of occurrence, detection or report in the future. */
  DATE_IN_FUTURE: 400,
  /** Events: this workflow step cannot be taken from the event's current status. */
  INVALID_TRANSITION: 409,
  /** Liaison: the user's unit is not one of the channel's units (docs/liaison.md). */
  NOT_CHANNEL_MEMBER: 403,
  /** Liaison: no message template with this id. */
  UNKNOWN_TEMPLATE: 400,
  /** Liaison: required fields of the template are empty (details.fields names them) or unknown fields were sent. */
  TEMPLATE_FIELDS_INVALID: 400,
  /** Liaison: an RFI deadline that is not in the future. */
  DEADLINE_IN_PAST: 400,
  /** Liaison: an answer or close that refers to no RFI of this channel. */
  NOT_AN_RFI: 400,
  /** Liaison: answering or closing an RFI that its requesting side closed already. */
  RFI_STATE: 409,
  /** The Idempotency-Key was used before with a different request body. */
  IDEMPOTENCY_KEY_REUSED: 409,
  /** Meetings: a new meeting must start in the future. */
  MEETING_IN_PAST: 400,
  /** Meetings, joint operations: the end is not after the start. */
  END_BEFORE_START: 400,
  /** Meetings: an action item needs an owner (a unit or user on either side). */
  ACTION_OWNER_REQUIRED: 400,
  /** Joint operations: the area is not a valid GeoJSON polygon (closed, in range, not crossing itself). */
  INVALID_AREA: 400,
  /** Federation: the peer could not be reached or refused our request. */
  PEER_UNREACHABLE: 502,
  /** OGC API – Features: bbox is not minLon,minLat,maxLon,maxLat in range. */
  INVALID_BBOX: 400,
  /** OGC API – Features: datetime is not an RFC 3339 instant or interval. */
  INVALID_DATETIME: 400,
  /** OGC API – Features: limit is not a whole number from 1 to 10,000. */
  INVALID_LIMIT: 400,
  /** OGC API – Features: a query parameter the endpoint does not define (the standard asks for a 400). */
  INVALID_PARAMETER: 400,
  /** Partners: the upload is not an XLSX workbook (or a CSV where one was announced). */
  NOT_A_SPREADSHEET: 415,
  /** Partners: the workbook would unpack too large (zip bomb), or has too many rows or entries. */
  SPREADSHEET_TOO_LARGE: 413,
  /** Partners: none of the expected sheets (Initiatives, Trainings, Equipment) or a required column is missing. */
  SPREADSHEET_LAYOUT: 400,
  /** Reports: the PDF printer (Debian's chromium, SARHAD_CHROMIUM_PATH) is not installed here. */
  PDF_PRINTER_MISSING: 503,
  /** Reports: chromium ran but produced no PDF in time. */
  PDF_PRINT_FAILED: 500,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_CODES[code];
  }
}

export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const validation = (message: string, details?: unknown) => new AppError('VALIDATION_FAILED', message, details);
