import type { Logger } from 'pino';
import { appendAudit, type AuditInput } from '../store/audit.repository.ts';
import type { Db } from '../store/db.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { tryWriteTransaction } from '../store/try-write-transaction.ts';

interface Pending {
  input: AuditInput;
  /** When the read happened; the entry's seq says when it joined the chain. */
  at: Date;
}

export interface ReadAuditOptions {
  /** How often the background flusher tries to append what is queued. */
  intervalMs?: number;
  /** A batch this large is flushed at once rather than on the next tick. */
  batchSize?: number;
}

/** Queued entries above which the log warns: the write lock has been held for a long time. */
const BACKLOG_WARNING = 10_000;

/**
 * The audit of reads, off the request path. A read (alert list, user list, audit viewer)
 * records its entry here and answers at once; a background flusher appends the queue to the
 * hash chain in one write transaction per batch. The flusher only *tries* the write lock and
 * comes back later when someone holds it, so a long write (a sync, an import, another
 * process) never holds up reads. `flush()` waits for the lock and empties the queue; it runs
 * before every checkpoint and when the node closes, so a graceful stop loses nothing. A crash
 * loses at most the last `intervalMs` of read entries (see docs/architecture.md).
 */
export class ReadAuditLog {
  private queue: Pending[] = [];
  private running: Promise<unknown> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private readonly batchSize: number;
  private closed = false;
  private warned = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    opts: ReadAuditOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.timer = setInterval(() => void this.tick(), opts.intervalMs ?? 500);
    this.timer.unref();
  }

  /** Queues one read entry; never touches the database on the caller's path. */
  record(input: AuditInput, at = new Date()): void {
    if (this.closed) throw new Error('read audit log is closed');
    this.queue.push({ input, at });
    if (this.queue.length > BACKLOG_WARNING && !this.warned) {
      this.warned = true;
      this.log.warn({ queued: this.queue.length }, 'audit: read entries are waiting for the write lock');
    }
    if (this.queue.length >= this.batchSize) void this.tick();
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Appends everything queued so far, waiting for the write lock if it must. */
  flush(): Promise<void> {
    return this.serial(() => this.appendQueued('wait')).then(() => undefined);
  }

  /** Stops the background flusher and appends what is left. */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    await this.flush();
    this.closed = true;
  }

  private tick(): Promise<unknown> {
    if (this.queue.length === 0) return Promise.resolve();
    return this.serial(() => this.appendQueued('try')).catch((err: unknown) => {
      this.log.error({ err, queued: this.queue.length }, 'audit: appending read entries failed; will retry');
    });
  }

  /** One append at a time, in queue order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.running.then(fn, fn);
    this.running = next.catch(() => undefined);
    return next;
  }

  private async appendQueued(mode: 'try' | 'wait'): Promise<boolean> {
    if (this.queue.length === 0) return true;
    const batch = this.queue.splice(0, this.queue.length);
    const write = async (trx: Parameters<typeof appendAudit>[0]) => {
      for (const p of batch) await appendAudit(trx, p.input, p.at);
    };
    try {
      if (mode === 'wait') {
        await inWriteTransaction(this.db, write);
      } else if (!(await tryWriteTransaction(this.db, write)).acquired) {
        this.queue.unshift(...batch);
        return false;
      }
    } catch (err) {
      // The transaction rolled back: nothing of the batch was appended; keep it, in order.
      this.queue.unshift(...batch);
      throw err;
    }
    if (this.queue.length <= BACKLOG_WARNING) this.warned = false;
    return true;
  }
}
