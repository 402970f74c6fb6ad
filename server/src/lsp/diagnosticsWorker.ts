import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
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

/** Longest wait for the worker's last chunk, once this thread has none left, before it checks the rest itself. */
const WAIT_MS = 5000;
const MAX_STARTS = 3;

export type WorkerResults = Array<{ index: number } & ChunkDiagnostics>;

/**
 * A check shared with the worker: both threads take chunk indices from one counter until none are
 * left. This thread takes its chunks between other work (it may pause to answer messages);
 * `cancel` leaves nothing more for either thread when a newer edit supersedes the check.
 */
export interface SharedJob {
  /** The next chunk for this thread; `length` or more when none is left. */
  take(): number;
  readonly length: number;
  cancel(): void;
  /** What the worker checked (empty when it never joined; chunks missing from it are this thread's to check). */
  finish(): Promise<WorkerResults>;
}

export class DiagnosticsWorker {
  private worker?: Worker;
  private port?: MessagePort;
  private status: 'idle' | 'starting' | 'ready' | 'dead' = 'idle';
  private starts = 0;
  private nextId = 1;
  private settled?: Promise<void>;
  private readonly waiting = new Map<number, (reply: Reply | undefined) => void>();

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
      this.port.on('message', (reply: Reply) => {
        this.waiting.get(reply.id)?.(reply);
      });
      this.port.unref();
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

  /** Offers `chunks` to the worker; this thread takes its share through the job (see SharedJob). */
  begin(chunks: string[], settings: CheckSettings): SharedJob {
    const n = chunks.length;
    const control = new Int32Array(new SharedArrayBuffer(8));
    const worker = this.usable ? this.worker : undefined;
    const id = this.nextId++;
    // split (tests): this thread takes exactly the first half, the worker the second.
    const split = this.mode === 'split' && this.ready;
    let mine = 0;
    const half = Math.ceil(n / 2);
    let reply: Promise<Reply | undefined> = Promise.resolve(undefined);
    if (worker) {
      if (split) control[NEXT] = half;
      reply = new Promise((resolve) => this.waiting.set(id, resolve));
      worker.postMessage({ id, chunks, settings, control: control.buffer } satisfies Job);
    }
    return {
      length: n,
      take: () => (split ? (mine < half ? mine++ : n) : Atomics.add(control, NEXT, 1)),
      cancel: () => {
        mine = n;
        Atomics.store(control, NEXT, n);
      },
      finish: async () => {
        if (!worker) return [];
        // A worker that never joined will not: this thread checks everything.
        if (!split && Atomics.compareExchange(control, STATE, OPEN, CLOSED) === OPEN) {
          this.waiting.delete(id);
          return [];
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        const answer = await Promise.race([reply, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), WAIT_MS)))]);
        clearTimeout(timer);
        this.waiting.delete(id);
        if (!answer) {
          this.log(`The diagnostics worker thread did not answer within ${WAIT_MS} ms; restarting it.`);
          if (this.worker === worker) this.restart();
        }
        return answer?.results ?? [];
      },
    };
  }

  stop(): void {
    const worker = this.worker;
    this.drop(worker);
    void worker?.terminate();
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
    // Checks waiting for this worker go on without it.
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
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
