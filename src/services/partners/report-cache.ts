import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Subject } from '../../domain/policy/roles.ts';

/**
 * The progress report's PDF cache (docs/partners.md, "PDF cache"). Printing takes a chromium
 * start (seconds); the same report asked again is served from `<data dir>/cache/reports`.
 *
 * A file's name is its key: the period, the language, the reader's scope and a fingerprint of the
 * report's content. Nothing else decides a hit, so:
 * - **scope**: a hash of everything the access rules read about the reader (access.ts and the
 *   policies: user id — a RED record is visible to its creator —, roles, state, agency, unit) and
 *   the node. Two readers never share a file unless they are the same person with the same roles
 *   and placement; a change of role or unit is a new scope.
 * - **fingerprint**: a hash of the report's HTML rendered with a fixed generation time. The HTML is
 *   a pure function of the data the report reads (indicators, recommendations and their actions,
 *   what is late today), of the language and of the template, so any change to that data — or to
 *   the template or fonts after an upgrade — makes a new file, and a change that leaves the report
 *   as it was keeps it. A cached PDF carries the generation time of its first printing.
 *
 * Writes go to a temporary file in the same directory, then rename (atomic on one file system):
 * a reader never sees half a PDF. Pruning after each write: the older files of the same period,
 * language and scope (their data changed: they can never be asked for again unless it changes
 * back), temporary files left by a crash, then all but the newest `maxFiles` by last use (a hit
 * touches the file). `maxFiles` 0 turns the cache off.
 */

export const REPORT_CACHE_DIR = path.join('cache', 'reports');
const STALE_TMP_MS = 10 * 60_000;

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export function scopeKey(nodeId: string, s: Subject): string {
  return sha(JSON.stringify({ node: nodeId, user: s.userId, roles: [...s.roles].sort(), state: s.stateCode, agency: s.agencyId, unit: s.unitId })).slice(0, 32);
}

export function contentFingerprint(html: string): string {
  return sha(html).slice(0, 32);
}

export interface CacheKey {
  from: string;
  to: string;
  lang: string;
  scope: string;
  fingerprint: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HEX = /^[0-9a-f]{32}$/;
function prefixOf(k: CacheKey): string {
  // Every part is checked: the name must never leave the cache directory.
  if (!DAY.test(k.from) || !DAY.test(k.to) || !/^[a-z]{2}$/.test(k.lang) || !HEX.test(k.scope) || !HEX.test(k.fingerprint)) throw new Error('report cache: malformed key');
  return `progress_${k.from}_${k.to}_${k.lang}_${k.scope}_`;
}
const fileOf = (k: CacheKey) => `${prefixOf(k)}${k.fingerprint}.pdf`;

export class ReportCache {
  private readonly inflight = new Map<string, Promise<Buffer>>();

  constructor(
    readonly dir: string,
    readonly maxFiles: number,
  ) {}

  /** The cached PDF, or `make()`'s, stored. Concurrent askers of one key share one printing. */
  async get(key: CacheKey, make: () => Promise<Buffer>): Promise<{ pdf: Buffer; cache: 'hit' | 'miss' }> {
    if (this.maxFiles === 0) return { pdf: await make(), cache: 'miss' };
    const name = fileOf(key);
    const hit = this.read(name);
    if (hit) return { pdf: hit, cache: 'hit' };
    let job = this.inflight.get(name);
    if (!job) {
      job = make().then((pdf) => {
        this.write(key, name, pdf);
        return pdf;
      });
      this.inflight.set(name, job);
      void job.finally(() => this.inflight.delete(name)).catch(() => undefined);
    }
    return { pdf: await job, cache: 'miss' };
  }

  private read(name: string): Buffer | null {
    const file = path.join(this.dir, name);
    try {
      const pdf = fs.readFileSync(file);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return null;
      const now = new Date();
      fs.utimesSync(file, now, now); // last use, for pruning
      return pdf;
    } catch {
      return null; // absent, or pruned a moment ago
    }
  }

  private write(key: CacheKey, name: string, pdf: Buffer): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(this.dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      fs.writeFileSync(tmp, pdf, { mode: 0o600 });
      fs.renameSync(tmp, path.join(this.dir, name));
    } catch {
      fs.rmSync(tmp, { force: true }); // a full disk costs the cache, never the answer
      return;
    }
    try {
      this.prune(prefixOf(key), name);
    } catch {
      // best effort: the next write prunes again; the reader has their PDF either way
    }
  }

  private prune(prefix: string, keep: string): void {
    const now = Date.now();
    const files: { name: string; used: number }[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      const file = path.join(this.dir, name);
      let used: number;
      try {
        used = fs.statSync(file).mtimeMs;
      } catch {
        continue;
      }
      if (name.endsWith('.tmp')) {
        if (now - used > STALE_TMP_MS) fs.rmSync(file, { force: true });
      } else if (name !== keep && name.startsWith(prefix)) fs.rmSync(file, { force: true });
      else if (name.startsWith('progress_') && name.endsWith('.pdf')) files.push({ name, used });
    }
    files.sort((a, b) => b.used - a.used || (a.name === keep ? -1 : b.name === keep ? 1 : 0));
    for (const f of files.slice(this.maxFiles)) fs.rmSync(path.join(this.dir, f.name), { force: true });
  }
}
