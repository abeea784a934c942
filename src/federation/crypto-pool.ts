import { sign, verify, type KeyObject } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Ed25519 for a large page on more than one core: the receiver verifies, the sender signs, a
 * page's share on each worker thread and one share on the calling thread at the same time.
 * Small pages (an empty sync, a push) stay on the calling thread: posting to a worker costs
 * more than it saves there. The worker is plain JavaScript (no TypeScript loader needed in it)
 * and holds only what each job sends (texts, signatures and the key object).
 *
 * SARHAD_CRYPTO_THREADS: worker threads (default: cores − 1, at most 4; 0 = none).
 */

/** Pages below this many envelopes are done on the calling thread. */
export const POOL_MIN_ITEMS = 64;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { sign, verify } = require('node:crypto');
parentPort.on('message', (job) => {
  try {
    if (job.op === 'verify') {
      const ok = job.texts.map((t, i) => {
        const sig = Buffer.from(job.signatures[i], 'base64');
        if (sig.length !== 64) return false;
        try { return verify(null, Buffer.from(t, 'utf8'), job.key, sig); } catch { return false; }
      });
      parentPort.postMessage({ id: job.id, ok });
    } else {
      parentPort.postMessage({ id: job.id, signatures: job.texts.map((t) => sign(null, Buffer.from(t, 'utf8'), job.key).toString('base64')) });
    }
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: String(err && err.message || err) });
  }
});
`;

interface Slot {
  worker: Worker;
  busy: number;
}

type Answer = { id: number; ok?: boolean[]; signatures?: string[]; error?: string };

let slots: Slot[] | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void; slot: Slot }>();

function threads(): number {
  const env = process.env.SARHAD_CRYPTO_THREADS;
  if (env !== undefined && env !== '') return Math.max(0, Math.min(16, Math.floor(Number(env)) || 0));
  return Math.max(0, Math.min(4, os.availableParallelism() - 1));
}

function pool(): Slot[] {
  if (slots) return slots;
  slots = [];
  for (let i = 0; i < threads(); i++) {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot: Slot = { worker, busy: 0 };
    // Idle workers never keep the process alive; a worker with a job does (see run()).
    worker.unref();
    worker.on('message', (a: Answer) => {
      const w = waiting.get(a.id);
      if (!w) return;
      waiting.delete(a.id);
      if (--slot.busy === 0) worker.unref();
      w.resolve(a);
    });
    worker.on('error', (err) => {
      // A worker that died: its jobs fail (the caller falls back to this thread) and it is not used again.
      for (const [id, w] of waiting) {
        if (w.slot !== slot) continue;
        waiting.delete(id);
        w.reject(err);
      }
      slots = slots!.filter((s) => s !== slot);
    });
    slots.push(slot);
  }
  return slots;
}

function run(slot: Slot, job: { op: 'verify' | 'sign'; texts: string[]; signatures?: string[]; key: KeyObject }): Promise<Answer> {
  const id = nextId++;
  if (slot.busy++ === 0) slot.worker.ref();
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject, slot });
    slot.worker.postMessage({ id, ...job });
  });
}

const verifyHere = (text: string, signature: string, key: KeyObject) => {
  const sig = Buffer.from(signature, 'base64');
  if (sig.length !== 64) return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), key, sig);
  } catch {
    return false;
  }
};
const signHere = (text: string, key: KeyObject) => sign(null, Buffer.from(text, 'utf8'), key).toString('base64');

/** Splits n items into one share per worker and one for this thread (this thread's first). */
function shares(n: number, workers: number): [number, number][] {
  const parts = workers + 1;
  const size = Math.ceil(n / parts);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i += size) out.push([i, Math.min(n, i + size)]);
  return out;
}

/** Whether each signature verifies over its text with `key`. */
export async function verifyMany(items: { text: string; signature: string }[], key: KeyObject): Promise<boolean[]> {
  const workers = items.length >= POOL_MIN_ITEMS ? pool() : [];
  if (workers.length === 0) return items.map((it) => verifyHere(it.text, it.signature, key));
  const [mine, ...theirs] = shares(items.length, workers.length);
  const jobs = theirs.map(([a, b], i) =>
    run(workers[i]!, { op: 'verify', texts: items.slice(a, b).map((it) => it.text), signatures: items.slice(a, b).map((it) => it.signature), key })
      .then((r) => r.ok ?? items.slice(a, b).map((it) => verifyHere(it.text, it.signature, key)))
      .catch(() => items.slice(a, b).map((it) => verifyHere(it.text, it.signature, key))),
  );
  const here = items.slice(mine![0], mine![1]).map((it) => verifyHere(it.text, it.signature, key));
  return [here, ...(await Promise.all(jobs))].flat();
}

/** Ed25519 signatures (base64) of each text with `key`. */
export async function signMany(texts: string[], key: KeyObject): Promise<string[]> {
  const workers = texts.length >= POOL_MIN_ITEMS ? pool() : [];
  if (workers.length === 0) return texts.map((t) => signHere(t, key));
  const [mine, ...theirs] = shares(texts.length, workers.length);
  const jobs = theirs.map(([a, b], i) =>
    run(workers[i]!, { op: 'sign', texts: texts.slice(a, b), key })
      .then((r) => r.signatures ?? texts.slice(a, b).map((t) => signHere(t, key)))
      .catch(() => texts.slice(a, b).map((t) => signHere(t, key))),
  );
  const here = texts.slice(mine![0], mine![1]).map((t) => signHere(t, key));
  return [here, ...(await Promise.all(jobs))].flat();
}
