import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { checkChunk, settingsKeyOf, type CheckSettings, type ChunkDiagnostics } from '../core/diagnostics';
import { parseChunk } from '../core/model/workloadFile';

/**
 * A second thread for the first check of a large file. The main thread and the worker take chunks
 * (`---` documents) one at a time from a shared counter, so neither waits for the other: when the
 * main thread runs out of chunks, the worker is finishing at most one. The worker sends back plain
 * findings (yaml Documents cannot cross threads); the main thread parses those chunks later.
 *
 * A second thread pays only when a core is idle: on a busy machine both threads wait for the same
 * cores and the worker's extra start-up work makes the check slower, so then one thread checks.
 *
 * Modes (WORKLOAD_LENS_WORKER): `auto` (default) shares as above when the load average leaves a
 * core idle; `on` shares whatever the load; `off` checks on one thread; `split` (for tests) gives
 * the worker exactly the second half and waits for it.
 */
export type WorkerMode = 'auto' | 'on' | 'off' | 'split';

interface Job {
  id: number;
  chunks: string[];
  settings: CheckSettings;
  control: SharedArrayBuffer;
}

interface Reply {
  id: number;
  results: Array<{ index: number } & ChunkDiagnostics>;
}

// Int32 slots of Job.control.
const NEXT = 0;
const STATE = 1;
// Job states: the worker joins an OPEN job; the main thread CLOSES a job the worker never joined.
const OPEN = 0;
const JOINED = 1;
const CLOSED = 2;
const DONE = 3;

/** Longest wait for the worker's last chunk before the main thread checks it itself. */
const WAIT_MS = 5000;
const MAX_STARTS = 3;

export interface SharedCheck {
  results: ChunkDiagnostics[];
  /** Which results came from the worker (their chunks are not parsed on this thread). */
  byWorker: boolean[];
}

export class DiagnosticsWorker {
  private worker?: Worker;
  private port?: MessagePort;
  private status: 'idle' | 'starting' | 'ready' | 'dead' = 'idle';
  private starts = 0;
  private nextId = 1;
  private settled?: Promise<void>;

  constructor(
    readonly mode: WorkerMode,
    private readonly log: (message: string) => void,
    private readonly file = join(__dirname, 'worker.js'),
  ) {}

  /** Starts the thread (in the background) unless it is off or failed too often. */
  start(): void {
    if (this.mode === 'off' || this.worker || this.starts >= MAX_STARTS) return;
    this.starts++;
    this.status = 'starting';
    try {
      const channel = new MessageChannel();
      const worker = new Worker(this.file, { workerData: { port: channel.port2 }, transferList: [channel.port2] });
      this.worker = worker;
      this.port = channel.port1;
      this.settled = new Promise((resolve) => {
        worker.once('message', () => {
          if (this.worker === worker) this.status = 'ready';
          resolve();
        });
        worker.once('error', (error) => {
          this.log(`The diagnostics worker thread failed (${error?.message ?? error}); checking on one thread.`);
          this.drop(worker);
          resolve();
        });
        worker.once('exit', () => {
          this.drop(worker);
          resolve();
        });
      });
      worker.unref();
    } catch (error) {
      this.log(`The diagnostics worker thread could not start (${(error as Error)?.message ?? error}); checking on one thread.`);
      this.status = 'dead';
    }
  }

  /** Resolves once the thread is ready or known to be unavailable. */
  whenSettled(): Promise<void> {
    return this.settled ?? Promise.resolve();
  }

  get usable(): boolean {
    return this.status === 'starting' || this.status === 'ready';
  }

  /** Whether sharing a check now is worth it: the thread runs and (in auto mode) a core is idle. */
  get pays(): boolean {
    if (!this.usable) return false;
    return this.mode !== 'auto' || loadavg()[0] <= availableParallelism() - 0.5;
  }

  get ready(): boolean {
    return this.status === 'ready';
  }

  /**
   * Checks `chunks` on both threads; `mine(i)` checks chunk i on this thread (keeping its parse).
   * Synchronous: nothing else runs on this thread until every chunk has its findings.
   */
  share(chunks: string[], settings: CheckSettings, mine: (index: number) => ChunkDiagnostics): SharedCheck {
    const n = chunks.length;
    const results = new Array<ChunkDiagnostics | undefined>(n);
    const byWorker = new Array<boolean>(n).fill(false);
    const control = new Int32Array(new SharedArrayBuffer(8));
    const worker = this.usable ? this.worker : undefined;
    const id = this.nextId++;
    const split = this.mode === 'split' && this.ready;
    if (worker) {
      if (split) control[NEXT] = Math.ceil(n / 2);
      worker.postMessage({ id, chunks, settings, control: control.buffer } satisfies Job);
    }
    if (split) {
      for (let i = 0; i < Math.ceil(n / 2); i++) results[i] = mine(i);
      Atomics.wait(control, STATE, OPEN, WAIT_MS);
    } else {
      for (let i = Atomics.add(control, NEXT, 1); i < n; i = Atomics.add(control, NEXT, 1)) results[i] = mine(i);
    }
    if (worker && Atomics.compareExchange(control, STATE, OPEN, CLOSED) !== OPEN) {
      const waited = Atomics.wait(control, STATE, JOINED, WAIT_MS);
      const reply = this.take(id);
      for (const r of reply?.results ?? []) {
        results[r.index] = { templated: r.templated, docs: r.docs };
        byWorker[r.index] = true;
      }
      if (!reply) {
        this.log(`The diagnostics worker thread did not answer (${waited}); restarting it.`);
        this.restart();
      }
    }
    for (let i = 0; i < n; i++) if (!results[i]) results[i] = mine(i);
    return { results: results as ChunkDiagnostics[], byWorker };
  }

  stop(): void {
    const worker = this.worker;
    this.drop(worker);
    void worker?.terminate();
  }

  private take(id: number): Reply | undefined {
    for (let m = this.port && receiveMessageOnPort(this.port); m; m = this.port && receiveMessageOnPort(this.port)) {
      const reply = m.message as Reply;
      if (reply.id === id) return reply;
    }
    return undefined;
  }

  private restart(): void {
    this.stop();
    this.start();
  }

  private drop(worker: Worker | undefined): void {
    if (!worker || this.worker !== worker) return;
    this.worker = undefined;
    this.port?.close();
    this.port = undefined;
    this.status = 'dead';
  }
}

/** The worker thread's side: joins each job unless the main thread closed it, takes chunks until none are left. */
export function serveJobs(jobs: { on(event: 'message', listener: (job: Job) => void): void; postMessage(message: unknown): void }, replies: MessagePort): void {
  jobs.on('message', (job) => {
    const control = new Int32Array(job.control);
    if (Atomics.compareExchange(control, STATE, OPEN, JOINED) !== OPEN) return;
    const results: Reply['results'] = [];
    try {
      const key = settingsKeyOf(job.settings);
      for (let i = Atomics.add(control, NEXT, 1); i < job.chunks.length; i = Atomics.add(control, NEXT, 1)) {
        try {
          results.push({ index: i, ...checkChunk(parseChunk(job.chunks[i]), job.settings, key) });
        } catch {
          // Left out: the main thread checks what is missing itself (and reports its failure, if any).
        }
      }
    } finally {
      replies.postMessage({ id: job.id, results } satisfies Reply);
      Atomics.store(control, STATE, DONE);
      Atomics.notify(control, STATE);
    }
  });
  jobs.postMessage('ready');
}
