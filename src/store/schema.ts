/**
 * Table shapes as Kysely sees them. JSON is stored as text and timestamps as ISO-8601 text
 * in both SQLite and PostgreSQL, so rows read back identically from either database.
 */
import type { Generated } from 'kysely';
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

export interface FedCheckpointsTable {
  id: string;
  peer_id: string;
  direction: string;
  node_id: string;
  seq: number;
  head_hash: string;
  checkpoint_json: string;
  cosignature_json: string;
  at: string;
}

export interface PeerKeysTable {
  peer_id: string;
  public_key: string;
  valid_until: string;
  handover_json: string;
}

export interface FedKeyHandoversTable {
  peer_id: string;
  new_key: string;
  handover_json: string;
  at: string;
  attempts: Generated<number>;
  last_attempt_at: string | null;
  last_error: string | null;
  accepted_at: string | null;
}

export interface NodeKeysRetiredTable {
  node_id: string;
  public_key: string;
  retired_at: string;
  handover_json: string;
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
  out_cursor: Generated<number>;
  out_terms: string | null;
  remote_agreement_json: string | null;
  last_contact_at: string | null;
  remote_backlog: number | null;
  /** Our last failed pull from the peer, and how many in a row failed (0023). */
  last_failure_at: string | null;
  last_failure_reason: string | null;
  failures: Generated<number>;
}

export interface AgreementsTable {
  id: string;
  peer_id: string;
  types_json: string;
  max_tlp: string;
  personal_data: number;
  redact_json: string;
  active: number;
  onward: number;
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

export interface FedOutgoingTable {
  peer_id: string;
  record_id: string;
  type: string;
  seq: number;
  version: number;
  op: string;
  digest: string;
  pending: number;
  last_signed_at: string | null;
  sends: number;
  acked_version: number | null;
  acked_op: string | null;
  acked_digest: string | null;
  acked_status: string | null;
  acked_reason: string | null;
  acked_at: string | null;
}

export interface FedIncomingTable {
  record_id: string;
  type: string;
  owner_node: string;
  peer_id: string;
  version: number;
  op: string;
  digest: string;
  signed_at: string;
  state: string;
  received_at: string;
}

export interface FedNoncesTable {
  node_id: string;
  nonce: string;
  expires_at: string;
}

export interface FedReceiptsTable {
  id: string;
  peer_id: string;
  direction: string;
  items: number;
  receipt_json: string;
  at: string;
}

export interface FedRejectionsTable {
  id: string;
  peer_id: string | null;
  node_id: string | null;
  kind: string;
  code: string;
  record_id: string | null;
  version: number | null;
  detail: string | null;
  at: string;
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

export interface WarningsTable extends RecordColumns {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msg_type: string;
  event: string;
  severity: string;
  /** ISO instant of the latest info expiry; null when a block never expires. */
  expires_at: string | null;
  active: number;
  cross_border: number;
  origin: string;
  gauge_id: string | null;
  cap_json: string;
  section_ids_json: string;
}

export interface GaugesTable extends RecordColumns {
  ref: string | null;
  name_json: string;
  river: string;
  state_code: string;
  lon: number;
  lat: number;
  section_id: string | null;
  thresholds_json: string;
  active: number;
}

/** Water levels: many per gauge, local to the node that measures them (not records). */
export interface GaugeReadingsTable {
  id: string;
  gauge_id: string;
  at: string;
  level_cm: number;
  source: string;
  recorded_by: string;
  created_at: string;
}

/** The once-only alarm of each gauge (domain/warnings/gauge.ts#judgeReading). */
export interface GaugeAlarmsTable {
  gauge_id: string;
  armed: number;
  last_at: string | null;
  warning_id: string | null;
  updated_at: string;
}

export interface DamageReportsTable extends RecordColumns {
  warning_id: string | null;
  section_id: string | null;
  state_code: string;
  kind: string;
  level: string;
  people_affected: number;
  people_displaced: number;
  observed_at: string;
  body_json: string;
}

export interface ResourcesTable extends RecordColumns {
  state_code: string;
  unit_id: string | null;
  kind: string;
  quantity: number;
  note: string | null;
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

/** Who has read which neighbour notice (a received assessment version with a notice). */
export interface NoticeReadsTable {
  record_id: string;
  version: number;
  user_id: string;
  read_at: string;
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

export interface HitReportsTable extends RecordColumns {
  /** report | answer */
  report_type: string;
  alert_id: string;
  /** The report an answer answers. */
  report_id: string | null;
  /** The screening a report was filed on (the reporting node's). */
  screening_id: string | null;
  body_json: string;
}

export interface TradeCrossingPointsTable extends RecordColumns {
  unit_id: string;
  body_json: string;
}

export interface DeclarationsTable extends RecordColumns {
  ref: string;
  exit_point_id: string;
  entry_point_id: string | null;
  destination_state: string;
  expected_arrival: string;
  status: string;
  lane: string | null;
  body_json: string;
}

export interface TransitsTable extends RecordColumns {
  ref: string;
  status: string;
  started_at: string | null;
  body_json: string;
}

export interface CrossingsTable extends RecordColumns {
  crossing_point_id: string;
  crossing_point_ref: string | null;
  direction: string;
  declaration_id: string | null;
  queue_arrival_at: string;
  body_json: string;
}

export interface SelectivityRulesTable {
  id: string;
  body_json: string;
  active: number;
  updated_by: string;
  updated_at: string;
}

export interface SelectivityDecisionsTable {
  id: string;
  declaration_id: string;
  lane: string;
  fired_json: string;
  random: number;
  decided_at: string;
}

export interface InspectionsTable {
  id: string;
  declaration_id: string;
  hit: number;
  findings: string;
  fired_json: string;
  inspected_by: string;
  inspected_at: string;
}

export interface BorderMarketsTable {
  id: string;
  ref: string;
  name_json: string;
  unit_id: string | null;
  weekday: string;
  opens: string;
  closes: string;
  /** 1 = held; 0 = switched off in the editor (migration 0022). */
  active: Generated<number>;
}

export interface MarketDaysTable {
  id: string;
  market_id: string;
  day: string;
  traders_tj: number;
  traders_af: number;
  visitors: number;
  turnover_usd: number;
  recorded_by: string;
}

/** Liaison channels (docs/liaison.md): members, procedures and contacts live in body_json. */
export interface LiaisonChannelsTable extends RecordColumns {
  ref: string;
  title: string;
  kind: string;
  /** The two state codes sorted, e.g. "AF-TJ". */
  pair_key: string;
  body_json: string;
}

export interface LiaisonMessagesTable extends RecordColumns {
  channel_id: string;
  kind: string;
  template_id: string | null;
  reply_to: string | null;
  sent_at: string;
  deadline: string | null;
  body_json: string;
}

/** Meetings, action items and joint operations (migration 0017): the body as JSON plus the columns queried. */
export interface MeetingsTable extends RecordColumns {
  starts_at: string;
  status: string;
  body_json: string;
}
export interface ActionItemsTable extends RecordColumns {
  meeting_id: string;
  due_date: string;
  body_json: string;
}
export interface ActionUpdatesTable extends RecordColumns {
  action_item_id: string;
  body_json: string;
}
export interface JointOperationsTable extends RecordColumns {
  start_date: string;
  body_json: string;
}
export interface OperationReportsTable extends RecordColumns {
  operation_id: string;
  body_json: string;
}

// Partners' 3W and the recommendations tracker (migration 0018, docs/partners.md).
export interface InitiativesTable extends RecordColumns {
  ref: string;
  partner: string;
  state_code: string;
  status: string;
  start_on: string;
  end_on: string | null;
  body_json: string;
}

export interface TrainingsTable extends RecordColumns {
  ref: string;
  partner: string;
  state_code: string;
  initiative_id: string | null;
  start_on: string;
  end_on: string;
  trainees: number;
  body_json: string;
}

export interface EquipmentTable extends RecordColumns {
  ref: string;
  partner: string;
  state_code: string;
  initiative_id: string | null;
  kind: string;
  quantity: number;
  condition: string;
  delivered_on: string;
  body_json: string;
}

export interface RecommendationsTable {
  id: string;
  ref: string;
  meeting: string;
  meeting_date: string;
  status: string;
  body_json: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface Database {
  node_info: NodeInfoTable;
  liaison_channels: LiaisonChannelsTable;
  liaison_messages: LiaisonMessagesTable;
  states: StatesTable;
  agencies: AgenciesTable;
  units: UnitsTable;
  sections: SectionsTable;
  communities: CommunitiesTable;
  alerts: AlertsTable;
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
  fed_checkpoints: FedCheckpointsTable;
  peer_keys: PeerKeysTable;
  node_keys_retired: NodeKeysRetiredTable;
  fed_key_handovers: FedKeyHandoversTable;
  received_envelopes: ReceivedEnvelopesTable;
  federation_sent: FederationSentTable;
  fed_outgoing: FedOutgoingTable;
  fed_incoming: FedIncomingTable;
  fed_nonces: FedNoncesTable;
  fed_receipts: FedReceiptsTable;
  fed_rejections: FedRejectionsTable;
  events: EventsTable;
  event_idempotency: EventIdempotencyTable;
  seizures: SeizuresTable;
  community_reports: CommunityReportsTable;
  event_attachments: EventAttachmentsTable;
  warnings: WarningsTable;
  gauges: GaugesTable;
  gauge_readings: GaugeReadingsTable;
  gauge_alarms: GaugeAlarmsTable;
  damage_reports: DamageReportsTable;
  resources: ResourcesTable;
  assessments: AssessmentsTable;
  assessment_snapshots: AssessmentSnapshotsTable;
  risk_overrides: RiskOverridesTable;
  notice_reads: NoticeReadsTable;
  trade_crossing_points: TradeCrossingPointsTable;
  hit_reports: HitReportsTable;
  declarations: DeclarationsTable;
  transits: TransitsTable;
  crossings: CrossingsTable;
  selectivity_rules: SelectivityRulesTable;
  selectivity_decisions: SelectivityDecisionsTable;
  inspections: InspectionsTable;
  border_markets: BorderMarketsTable;
  market_days: MarketDaysTable;
  meetings: MeetingsTable;
  action_items: ActionItemsTable;
  action_updates: ActionUpdatesTable;
  joint_operations: JointOperationsTable;
  operation_reports: OperationReportsTable;
  initiatives: InitiativesTable;
  trainings: TrainingsTable;
  equipment: EquipmentTable;
  recommendations: RecommendationsTable;
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
  warning: 'warnings',
  gauge: 'gauges',
  damage: 'damage_reports',
  resource: 'resources',
  assessment: 'assessments',
  crossing_point: 'trade_crossing_points',
  declaration: 'declarations',
  transit: 'transits',
  crossing: 'crossings',
  liaison_channel: 'liaison_channels',
  liaison_message: 'liaison_messages',
  meeting: 'meetings',
  action_item: 'action_items',
  action_update: 'action_updates',
  joint_operation: 'joint_operations',
  operation_report: 'operation_reports',
  hit_report: 'hit_reports',
  initiative: 'initiatives',
  training: 'trainings',
  equipment: 'equipment',
} as const satisfies Record<string, keyof Database>;
