import { allows, authorize } from '../domain/policy/authorize.ts';
import { registryTarget } from '../domain/policy/registry.policy.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { listRecordHeaders } from '../store/record-headers.repository.ts';
import { findRecord, type SavedRecord } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';

interface CachedFeature {
  id: string;
  version: number;
  order: number;
  json: string;
  /** the feature without its properties, and the properties: added to per request (assessment) */
  head: string;
  properties: Record<string, unknown>;
}

/** Per-request additions to a section's properties (e.g. the live risk assessment), by section id. */
export type SectionDecorator = (subject: Subject, ids: string[]) => Promise<Map<string, Record<string, unknown>>>;

/**
 * The map asks for every section on every load, and geometry dominates the answer. Features
 * are serialised once per (id, version) and reused; visibility is still decided per request
 * from the headers, so a marking change (a new version) is never served stale.
 */
export class SectionFeatureCache {
  private readonly features = new Map<string, CachedFeature>();

  constructor(
    private readonly ctx: AppContext,
    private readonly present: (r: SavedRecord<'section'>) => { properties: Record<string, unknown> },
    private readonly decorate?: SectionDecorator,
  ) {}

  async collectionJson(subject: Subject): Promise<string> {
    authorize(subject, 'registry:read');
    const headers = (await listRecordHeaders(this.ctx.db.kysely, 'section')).filter((h) => allows(subject, 'registry:read', registryTarget(this.ctx.node.id, h)));
    const parts: CachedFeature[] = [];
    for (const h of headers) {
      let cached = this.features.get(h.id);
      if (!cached || cached.version !== h.version) {
        const record = await findRecord(this.ctx.db.kysely, 'section', h.id);
        if (!record) continue;
        const { properties, ...rest } = this.present(record);
        const json = JSON.stringify({ ...rest, properties });
        cached = { id: h.id, version: record.version, order: record.body.order, json, head: JSON.stringify(rest).slice(0, -1), properties };
        this.features.set(h.id, cached);
      }
      parts.push(cached);
    }
    parts.sort((a, b) => a.order - b.order);
    const extra = this.decorate ? await this.decorate(subject, parts.map((p) => p.id)) : null;
    const json = (p: CachedFeature) => {
      const add = extra?.get(p.id);
      return add ? `${p.head},"properties":${JSON.stringify({ ...p.properties, ...add })}}` : p.json;
    };
    return `{"type":"FeatureCollection","features":[${parts.map(json).join(',')}]}`;
  }
}
