import { EventEmitter } from 'node:events';
import type { RecordChange } from '../domain/records/record.ts';

/** Carries committed changes to the other processes that serve the same database. */
export interface ChangeRelay {
  send(change: RecordChange): Promise<void>;
  close(): Promise<void>;
}

/**
 * Bus for committed changes. Publish only after the transaction commits. Listeners in this
 * process hear every change at once; with a relay (PostgreSQL LISTEN/NOTIFY) the change also
 * reaches the other processes on the same database, whose relay calls `receive`.
 * `reset` tells caches that changes may have been missed (a relay reconnected) and that
 * they must reload.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly pending = new Set<Promise<void>>();
  private relay: ChangeRelay | null = null;

  constructor(private readonly onRelayError: (err: unknown) => void = () => undefined) {
    this.emitter.setMaxListeners(0);
  }

  attachRelay(relay: ChangeRelay): void {
    this.relay = relay;
  }

  publish(change: RecordChange): void {
    this.emitter.emit('record', change);
    if (!this.relay) return;
    const sent = this.relay.send(change).catch(this.onRelayError);
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  /** A change committed by another process. */
  receive(change: RecordChange): void {
    this.emitter.emit('record', change);
  }

  reset(): void {
    this.emitter.emit('reset');
  }

  subscribe(listener: (change: RecordChange) => void): () => void {
    this.emitter.on('record', listener);
    return () => this.emitter.off('record', listener);
  }

  onReset(listener: () => void): () => void {
    this.emitter.on('reset', listener);
    return () => this.emitter.off('reset', listener);
  }

  listenerCount(): number {
    return this.emitter.listenerCount('record');
  }

  /** Waits for changes still being relayed (a one-shot CLI command must not drop them). */
  async close(): Promise<void> {
    await Promise.all([...this.pending]);
    await this.relay?.close();
    this.relay = null;
  }
}
