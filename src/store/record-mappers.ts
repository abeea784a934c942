import type { RecordBodies, RecordKind } from '../domain/records/bodies.ts';
import type { Database } from './schema.ts';
import { RECORD_TABLES } from './schema.ts';

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
};
