import { allows, authorize } from '../domain/policy/authorize.ts';
import { registryTarget } from '../domain/policy/registry.policy.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { listRecordHeaders } from '../store/record-headers.repository.ts';
import { findRecord, type SavedRecord } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';

interface CachedFeature {
  version: number;
  order: number;
  json: string;
}

/**
 * The map asks for every section on every load, and geometry dominates the answer. Features
 * are serialised once per (id, version) and reused; visibility is still decided per request
 * from the headers, so a marking change (a new version) is never served stale.
 */
export class SectionFeatureCache {
  private readonly features = new Map<string, CachedFeature>();

  constructor(
    private readonly ctx: AppContext,
    private readonly present: (r: SavedRecord<'section'>) => unknown,
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
        cached = { version: record.version, order: record.body.order, json: JSON.stringify(this.present(record)) };
        this.features.set(h.id, cached);
      }
      parts.push(cached);
    }
    parts.sort((a, b) => a.order - b.order);
    return `{"type":"FeatureCollection","features":[${parts.map((p) => p.json).join(',')}]}`;
  }
}
