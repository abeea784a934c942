/**
 * Table shapes as Kysely sees them. JSON is stored as text and timestamps as ISO-8601 text
 * in both SQLite and PostgreSQL, so rows read back identically from either database.
 */


/** Columns every shareable record carries (see domain/records). */
export interface RecordColumns {
  id: string;
  owner_node: string;
  owner_state: string;
  owner_agency_id: string | null;
  owner_unit_id: string | null;
  version: number;
  marking_json: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface NodeInfoTable {
  id: string;
  state_code: string;
  name: string;
  created_at: string;
}

export interface StatesTable extends RecordColumns {
  code: string;
  name_json: string;
}

export interface AgenciesTable extends RecordColumns {
  ref: string | null;
  state_code: string;
  kind: string;
  name_json: string;
}

export interface UnitsTable extends RecordColumns {
  ref: string | null;
  agency_id: string;
  state_code: string;
  kind: string;
  name_json: string;
  lon: number;
  lat: number;
  approximate: number;
  locode: string | null;
  section_id: string | null;
  paired_with_id: string | null;
  /** share of authorised strength present, 0..1 (migration 0014); null = not known */
  staffing: number | null;
}

export interface SectionsTable extends RecordColumns {
  ref: string | null;
  scenario: string;
  ord: number;
  name_json: string;
  terrain: string;
  river_name: string | null;
  provinces_json: string;
  patrol_coverage: number;
  length_km: number;
  geometry_json: string;
  impact_level: string | null;
  /** known informal crossing points (migration 0014); null = the terrain's default */
  crossing_points: number | null;
}

export interface CommunitiesTable extends RecordColumns {
  ref: string | null;
  state_code: string;
  name_json: string;
  lon: number;
  lat: number;
  section_id: string | null;
  population: number | null;
}

export interface AlertsTable extends RecordColumns {
  subject_kind: string;
  subject_json: string;
  reason: string;
  action: string;
  valid_from: string;
  valid_until: string | null;
  source: string;
  source_ref: string | null;
  active: number;
}

export interface EventsTable extends RecordColumns {
  status: string;
  in_picture: number;
  category: string;
  severity: string;
  occurred_at: string;
  reported_at: string;
  first_published_at: string | null;
  lat: number;
  lon: number;
  section_id: string | null;
  unit_id: string | null;
  reporting_unit_id: string | null;
  reliability: string;
  credibility: number;
  source: string;
  follow_up_of: string | null;
  body_json: string;
}

export interface EventIdempotencyTable {
  user_id: string;
  key: string;
  request_hash: string;
  event_id: string;
  created_at: string;
}

export interface SeizuresTable extends RecordColumns {
  event_id: string;
  item_kind: string;
  substance: string;
  seized_at: string;
  quantity_kg: number | null;
  body_json: string;
}

export interface CommunityReportsTable {
  id: string;
  created_at: string;
  channel: string;
  reporter_user_id: string | null;
  client_key: string;
  contact: string | null;
  category: string | null;
  text: string;
  lang: string;
  lat: number;
  lon: number;
  section_id: string | null;
  occurred_at: string | null;
  status: string;
  triaged_by: string | null;
  triaged_at: string | null;
  event_id: string | null;
  dismiss_reason: string | null;
}

export interface EventAttachmentsTable {
  id: string;
  event_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_by: string;
  created_at: string;
}

export interface AssessmentsTable extends RecordColumns {
  section_id: string;
  section_ref: string | null;
  level: string;
  computed_level: string;
  score: number;
  override_json: string | null;
  explanation_json: string;
  computed_at: string;
  notice_json: string | null;
}

export interface AssessmentSnapshotsTable {
  id: string;
  section_id: string;
  at: string;
  level: string;
  computed_level: string;
  score: number;
  override_id: string | null;
  explanation_json: string;
  /** 'daily' | 'change' | 'override' */
  cause: string;
}

export interface RiskOverridesTable {
  id: string;
  section_id: string;
  level: string;
  reason: string;
  expires_at: string;
  set_by: string;
  set_at: string;
  cleared_by: string | null;
  cleared_at: string | null;
}

export interface ScreeningsTable {
  id: string;
  at: string;
  user_id: string;
  unit_id: string | null;
  /** HMAC-SHA-256 (node secret) of name stems + full birth date; null without one. */
  key_birth: string | null;
  /** HMAC-SHA-256 (node secret) of name stems + document number; null without one. */
  key_document: string | null;
  hit_count: number;
  suppressed_count: number;
}

export interface ScreeningHitsTable {
  screening_id: string;
  alert_id: string;
  score: number;
  explanation_json: string;
  decision: string;
  decided_by: string | null;
  decided_at: string | null;
  false_positive_id: string | null;
}

export interface FalsePositivesTable {
  id: string;
  alert_id: string;
  state_code: string;
  agency_id: string;
  key_birth: string | null;
  key_document: string | null;
  screening_id: string;
  decided_by: string;
  decided_at: string;
  expires_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
}

export interface NodeSecretsTable {
  node_id: string;
  purpose: string;
  /** base64 of 32 random bytes. */
  secret: string;
  created_at: string;
}

export interface RecordVersionsTable {
  record_id: string;
  version: number;
  type: string;
  body_json: string;
  marking_json: string;
  content_hash: string;
  changed_by: string;
  changed_at: string;
}

export interface OutboxTable {
  seq: number;
  id: string;
  record_id: string;
  type: string;
  version: number;
  op: string;
  created_at: string;
  sent_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail_json: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: string;
  seq: number;
  hash: string;
}

export interface AuditCheckpointsTable {
  id: string;
  node_id: string;
  seq: number;
  head_hash: string;
  at: string;
  signature: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles_json: string;
  agency_id: string;
  unit_id: string | null;
  state_code: string;
  locale: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Null only transiently: migration 0006 gave every older token an expiry. */
  expires_at: string | null;
  /** Why it was revoked: 'revoked', 'password_changed' or 'user_disabled'. */
  revoked_reason: string | null;
}

export interface AuthSecretsTable {
  name: string;
  secret: string;
  created_at: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  not_before: string;
  rev: number;
  updated_at: string;
}

export interface LoginAttemptsTable {
  id: string;
  /** HMAC-SHA256 of the attempted username with the node's login secret: never the name itself. */
  username_hmac: string;
  ip: string;
  at: string;
  success: number;
}

export interface NodeKeysTable {
  node_id: string;
  public_key: string;
  private_key_pem: string;
  created_at: string;
}

export interface PeersTable {
  id: string;
  node_id: string;
  name: string;
  state_code: string;
  url: string;
  public_key: string;
  pull_cursor: number;
  last_pull_at: string | null;
  remote_agreement_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgreementsTable {
  id: string;
  peer_id: string;
  types_json: string;
  max_tlp: string;
  personal_data: number;
  redact_json: string;
  active: number;
  created_by: string;
  created_at: string;
  superseded_at: string | null;
}

export interface FederationSentTable {
  peer_id: string;
  record_id: string;
  version: number;
  withdrawn: number;
  sent_at: string;
}

export interface ReceivedEnvelopesTable {
  record_id: string;
  version: number;
  op: string;
  type: string;
  peer_id: string;
  envelope_json: string;
  received_at: string;
}

export interface Database {
  node_info: NodeInfoTable;
  states: StatesTable;
  agencies: AgenciesTable;
  units: UnitsTable;
  sections: SectionsTable;
  communities: CommunitiesTable;
  alerts: AlertsTable;
  events: EventsTable;
  event_idempotency: EventIdempotencyTable;
  seizures: SeizuresTable;
  community_reports: CommunityReportsTable;
  event_attachments: EventAttachmentsTable;
  screenings: ScreeningsTable;
  screening_hits: ScreeningHitsTable;
  false_positives: FalsePositivesTable;
  record_versions: RecordVersionsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  login_throttle: LoginThrottleTable;
  auth_secrets: AuthSecretsTable;
  node_keys: NodeKeysTable;
  node_secrets: NodeSecretsTable;
  peers: PeersTable;
  agreements: AgreementsTable;
  received_envelopes: ReceivedEnvelopesTable;
  federation_sent: FederationSentTable;
  assessments: AssessmentsTable;
  assessment_snapshots: AssessmentSnapshotsTable;
  risk_overrides: RiskOverridesTable;
}

/** Tables that hold shareable records, by record type. */
export const RECORD_TABLES = {
  state: 'states',
  agency: 'agencies',
  unit: 'units',
  section: 'sections',
  community: 'communities',
  alert: 'alerts',
  event: 'events',
  seizure: 'seizures',
  assessment: 'assessments',
} as const satisfies Record<string, keyof Database>;

