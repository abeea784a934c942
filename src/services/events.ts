import { EventEmitter } from 'node:events';
import type { RecordChange } from '../domain/records/record.ts';

/**
 * In-process bus for committed changes. Publish only after the transaction commits.
 * A NATS-backed bus can implement the same two methods when several processes serve one node.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(change: RecordChange): void {
    this.emitter.emit('record', change);
  }
  subscribe(listener: (change: RecordChange) => void): () => void {
    this.emitter.on('record', listener);
    return () => this.emitter.off('record', listener);
  }
  listenerCount(): number {
    return this.emitter.listenerCount('record');
  }
}
