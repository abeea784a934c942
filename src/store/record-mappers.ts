import type { RecordBodies, RecordKind } from '../domain/records/bodies.ts';
import type { Database } from './schema.ts';
import { RECORD_TABLES } from './schema.ts';
import { expiresAt, worstSeverity } from '../domain/warnings/cap.ts';
import { pairKeyOf } from '../domain/liaison/liaison.ts';

type Row<T extends RecordKind> = Database[(typeof RECORD_TABLES)[T]];
type BodyColumns<T extends RecordKind> = Omit<Row<T>, keyof import('./schema.ts').RecordColumns>;

/** Body ⇄ columns for each record type: the only place that knows a type's table layout. */
export interface RecordMapper<T extends RecordKind> {
  toColumns(body: RecordBodies[T]): BodyColumns<T>;
  fromRow(row: Row<T>): RecordBodies[T];
}

const json = JSON.stringify;
const parse = <V>(text: string): V => JSON.parse(text) as V;

export const RECORD_MAPPERS: { [T in RecordKind]: RecordMapper<T> } = {
  state: {
    toColumns: (b) => ({ code: b.code, name_json: json(b.name) }),
    fromRow: (r) => ({ code: r.code, name: parse(r.name_json) }),
  },
  agency: {
    toColumns: (b) => ({ ref: b.ref, state_code: b.stateCode, kind: b.kind, name_json: json(b.name) }),
    fromRow: (r) => ({
      ref: r.ref,
      stateCode: r.state_code,
      kind: r.kind as RecordBodies['agency']['kind'],
      name: parse(r.name_json),
    }),
  },
  unit: {
    toColumns: (b) => ({
      ref: b.ref,
      agency_id: b.agencyId,
      state_code: b.stateCode,
      kind: b.kind,
      name_json: json(b.name),
      lon: b.location[0],
      lat: b.location[1],
      approximate: b.approximate ? 1 : 0,
      locode: b.locode,
      section_id: b.sectionId,
      paired_with_id: b.pairedWithId,
      staffing: b.staffing ?? null,
    }),
    fromRow: (r) => ({
      ref: r.ref,
      agencyId: r.agency_id,
      stateCode: r.state_code,
      kind: r.kind as RecordBodies['unit']['kind'],
      name: parse(r.name_json),
      location: [r.lon, r.lat],
      approximate: Boolean(r.approximate),
      locode: r.locode,
      sectionId: r.section_id,
      pairedWithId: r.paired_with_id,
      // absent rather than null: bodies written before migration 0014 keep their content hash
      ...(r.staffing === null || r.staffing === undefined ? {} : { staffing: r.staffing }),
    }),
  },
  section: {
    toColumns: (b) => ({
      ref: b.ref,
      scenario: b.scenario,
      ord: b.order,
      name_json: json(b.name),
      terrain: b.terrain,
      river_name: b.riverName,
      provinces_json: json(b.provinces),
      patrol_coverage: b.patrolCoverage,
      length_km: b.lengthKm,
      geometry_json: json(b.geometry),
      impact_level: b.impactLevel,
      crossing_points: b.crossingPoints ?? null,
    }),
    fromRow: (r) => ({
      ref: r.ref,
      scenario: r.scenario,
      order: r.ord,
      name: parse(r.name_json),
      terrain: r.terrain as RecordBodies['section']['terrain'],
      riverName: r.river_name,
      provinces: parse(r.provinces_json),
      patrolCoverage: r.patrol_coverage,
      lengthKm: r.length_km,
      geometry: parse(r.geometry_json),
      impactLevel: r.impact_level as RecordBodies['section']['impactLevel'],
      ...(r.crossing_points === null || r.crossing_points === undefined ? {} : { crossingPoints: r.crossing_points }),
    }),
  },
  alert: {
    toColumns: (b) => ({
      subject_kind: b.subject.kind,
      subject_json: json(b.subject),
      reason: b.reason,
      action: b.action,
      valid_from: b.validFrom,
      valid_until: b.validUntil,
      source: b.source,
      source_ref: b.sourceRef,
      active: b.active ? 1 : 0,
    }),
    fromRow: (r) => ({
      subject: parse(r.subject_json),
      reason: r.reason,
      action: r.action as RecordBodies['alert']['action'],
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      source: r.source as RecordBodies['alert']['source'],
      sourceRef: r.source_ref,
      active: Boolean(r.active),
    }),
  },
  community: {
    toColumns: (b) => ({
      ref: b.ref,
      state_code: b.stateCode,
      name_json: json(b.name),
      lon: b.location[0],
      lat: b.location[1],
      section_id: b.sectionId,
      population: b.population,
    }),
    fromRow: (r) => ({
      ref: r.ref,
      stateCode: r.state_code,
      name: parse(r.name_json),
      location: [r.lon, r.lat],
      sectionId: r.section_id,
      population: r.population,
    }),
  },
  event: {
    toColumns: (b) => ({
      status: b.status,
      in_picture: b.status === 'published' || b.status === 'closed' ? 1 : 0,
      category: b.category,
      severity: b.severity,
      occurred_at: b.occurredAt,
      reported_at: b.reportedAt,
      first_published_at: b.firstPublishedAt,
      lat: b.location.lat,
      lon: b.location.lon,
      section_id: b.sectionId,
      unit_id: b.unitId,
      reporting_unit_id: b.reportingUnitId,
      reliability: b.grading.reliability,
      credibility: b.grading.credibility,
      source: b.source,
      follow_up_of: b.followUpOf,
      body_json: json(b),
    }),
    fromRow: (r) => parse(r.body_json),
  },
  seizure: {
    toColumns: (b) => ({
      event_id: b.eventId,
      item_kind: b.itemKind,
      substance: b.substance,
      seized_at: b.seizedAt,
      quantity_kg: b.quantityKg,
      body_json: json(b),
    }),
    fromRow: (r) => parse(r.body_json),
  },
  warning: {
    toColumns: (b) => ({
      identifier: b.cap.identifier,
      sender: b.cap.sender,
      sent: b.cap.sent,
      status: b.cap.status,
      msg_type: b.cap.msgType,
      event: b.cap.info[0]!.event,
      severity: worstSeverity(b.cap),
      expires_at: expiresAt(b.cap),
      active: b.active ? 1 : 0,
      cross_border: b.crossBorder ? 1 : 0,
      origin: b.origin,
      gauge_id: b.gaugeId,
      cap_json: json(b.cap),
      section_ids_json: json(b.sectionIds),
    }),
    fromRow: (r) => ({
      cap: parse(r.cap_json),
      sectionIds: parse(r.section_ids_json),
      crossBorder: Boolean(r.cross_border),
      active: Boolean(r.active),
      origin: r.origin as RecordBodies['warning']['origin'],
      gaugeId: r.gauge_id,
    }),
  },
  gauge: {
    toColumns: (b) => ({
      ref: b.ref,
      name_json: json(b.name),
      river: b.river,
      state_code: b.stateCode,
      lon: b.location[0],
      lat: b.location[1],
      section_id: b.sectionId,
      thresholds_json: json(b.thresholds),
      active: b.active ? 1 : 0,
    }),
    fromRow: (r) => ({
      ref: r.ref,
      name: parse(r.name_json),
      river: r.river,
      stateCode: r.state_code,
      location: [r.lon, r.lat],
      sectionId: r.section_id,
      thresholds: parse(r.thresholds_json),
      active: Boolean(r.active),
    }),
  },
  damage: {
    toColumns: (b) => ({
      warning_id: b.warningId,
      section_id: b.sectionId,
      state_code: b.stateCode,
      kind: b.kind,
      level: b.level,
      people_affected: b.peopleAffected,
      people_displaced: b.peopleDisplaced,
      observed_at: b.observedAt,
      body_json: json(b),
    }),
    fromRow: (r) => parse(r.body_json),
  },
  resource: {
    toColumns: (b) => ({ state_code: b.stateCode, unit_id: b.unitId, kind: b.kind, quantity: b.quantity, note: b.note }),
    fromRow: (r) => ({ stateCode: r.state_code, unitId: r.unit_id, kind: r.kind as RecordBodies['resource']['kind'], quantity: r.quantity, note: r.note }),
  },
  assessment: {
    toColumns: (b) => ({
      section_id: b.sectionId,
      section_ref: b.sectionRef,
      level: b.level,
      computed_level: b.computedLevel,
      score: b.score,
      override_json: b.override ? json(b.override) : null,
      explanation_json: json(b.explanation),
      computed_at: b.computedAt,
      notice_json: b.notice ? json(b.notice) : null,
    }),
    fromRow: (r) => ({
      sectionId: r.section_id,
      sectionRef: r.section_ref,
      level: r.level as RecordBodies['assessment']['level'],
      computedLevel: r.computed_level as RecordBodies['assessment']['computedLevel'],
      score: r.score,
      override: r.override_json ? parse(r.override_json) : null,
      explanation: parse(r.explanation_json),
      computedAt: r.computed_at,
      notice: r.notice_json ? parse(r.notice_json) : null,
    }),
  },
  hit_report: {
    toColumns: (b) => ({
      report_type: b.type,
      alert_id: b.alertId,
      report_id: b.type === 'answer' ? b.reportId : null,
      screening_id: b.type === 'report' ? b.screeningId : null,
      body_json: json(b),
    }),
    fromRow: (r) => parse(r.body_json),
  },
  crossing_point: {
    toColumns: (b) => ({ unit_id: b.unitId, body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  declaration: {
    toColumns: (b) => ({
      ref: b.ref,
      exit_point_id: b.exitPointId,
      entry_point_id: b.entryPointId,
      destination_state: b.destinationState,
      expected_arrival: new Date(b.expectedArrival).toISOString(),
      status: b.status,
      lane: b.lane,
      body_json: json(b),
    }),
    fromRow: (r) => parse(r.body_json),
  },
  transit: {
    toColumns: (b) => ({ ref: b.ref, status: b.status, started_at: b.startedAt, body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  crossing: {
    toColumns: (b) => ({
      crossing_point_id: b.crossingPointId,
      crossing_point_ref: b.crossingPointRef,
      direction: b.direction,
      declaration_id: b.declarationId,
      queue_arrival_at: new Date(b.steps.queue_arrival!).toISOString(),
      body_json: json(b),
    }),
    fromRow: (r) => parse(r.body_json),
  },
  liaison_channel: {
    toColumns: (b) => ({ ref: b.ref, title: b.title, kind: b.kind, pair_key: pairKeyOf(b.members), body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  liaison_message: {
    toColumns: (b) => ({ channel_id: b.channelId, kind: b.kind, template_id: b.templateId, reply_to: b.replyTo, sent_at: new Date(b.sentAt).toISOString(), deadline: b.rfi ? new Date(b.rfi.deadline).toISOString() : null, body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  meeting: {
    toColumns: (b) => ({ starts_at: b.startsAt, status: b.status, body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  action_item: {
    toColumns: (b) => ({ meeting_id: b.meetingId, due_date: b.dueDate, body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  action_update: {
    toColumns: (b) => ({ action_item_id: b.actionItemId, body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  joint_operation: {
    toColumns: (b) => ({ start_date: b.startDate, body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  operation_report: {
    toColumns: (b) => ({ operation_id: b.operationId, body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  initiative: {
    toColumns: (b) => ({ ref: b.ref, partner: b.partner, state_code: b.stateCode, status: b.status, start_on: b.start, end_on: b.end, body_json: json(b) }),
    fromRow: (r) => parse(r.body_json),
  },
  training: {
    toColumns: (b) => ({
      ref: b.ref,
      partner: b.partner,
      state_code: b.stateCode,
      initiative_id: b.initiativeId,
      start_on: b.start,
      end_on: b.end,
      trainees: b.trainees.reduce((n, t) => n + t.female + t.male, 0),
      body_json: json(b),
    }),
    fromRow: (r) => parse(r.body_json),
  },
  equipment: {
    toColumns: (b) => ({
      ref: b.ref,
      partner: b.partner,
      state_code: b.stateCode,
      initiative_id: b.initiativeId,
      kind: b.kind,
      quantity: b.quantity,
      condition: b.condition,
      delivered_on: b.deliveredOn,
      body_json: json(b),
    }),
    fromRow: (r) => parse(r.body_json),
  },
};
