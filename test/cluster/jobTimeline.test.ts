import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { LESSON_DIR } from '../helpers/fixtures';
import { SKIP_REASON, api, apiOk, createNamespace, dropNamespace } from '../helpers/testCluster';
import { simulateJob, type JobTimeline } from '../../server/src/core/simulate';

/**
 * Job timelines checked against the real Job and TTL-after-finished controllers. No kubelet runs in
 * the test control plane: the stand-in kubelet (.ci/run passes its path in WORKLOAD_LENS_TEST_FAKE_KUBELET
 * and the control plane's state directory in WORKLOAD_LENS_TEST_CLUSTER_STATE) moves each bound pod to
 * Running at once (--start-after 0s) and to Succeeded or Failed after the `sleep N` of its command
 * (--run-for auto), the same duration the simulator reads. Each case gets its own namespace and its own
 * stand-in kubelet, stopped at the end.
 *
 * Failure patterns: the simulator fails run n when ceil(n·r) grows at n. `--outcome fail` is r = 1;
 * `--outcome fail-first=N` on a one-completion Job (runs 1..N fail, then one succeeds) is r = N/(N+1).
 *
 * Time tolerance for a moment t of the simulated timeline: TOLERANCE_S + 1 s for each earlier moment at
 * which pods finished + 5 % of t. Kubernetes: the Job controller syncs a Job 1 s after a pod changes
 * (pkg/controller/job enqueueSyncJobBatched, SyncJobBatchPeriod), so each reaction to a finished pod
 * (the next pod, the Complete condition) comes up to 1 s after the simulator's, which reacts at once;
 * since 1.31 Complete/Failed follow SuccessCriteriaMet/FailureTarget once the pods' finalizers are
 * removed (another sync). The back-off is measured from the pod's finishedAt and the TTL from the
 * condition's lastTransitionTime, RFC 3339 in whole seconds, so they may end up to 1 s early. The
 * stand-in kubelet: it binds-and-starts in 0.1–0.5 s, and it counts a run from status.startTime (whole
 * seconds), so its pods run up to 1 s shorter than their `sleep N` (a real kubelet runs them in full,
 * after pulling the image). This recorder polls every 200 ms, and the machine is shared (CPU load).
 */

const FAKE_KUBELET = process.env.WORKLOAD_LENS_TEST_FAKE_KUBELET || undefined;
const CLUSTER_STATE = process.env.WORKLOAD_LENS_TEST_CLUSTER_STATE || undefined;
const SKIP = SKIP_REASON || (!FAKE_KUBELET || !CLUSTER_STATE ? 'WORKLOAD_LENS_TEST_FAKE_KUBELET or WORKLOAD_LENS_TEST_CLUSTER_STATE is not set, so no stand-in kubelet can run Job pods (.ci/run sets both)' : false);
if (!SKIP_REASON && SKIP) console.log(`# Job timeline tests skipped: ${SKIP}`);

const TOLERANCE_S = 2.5;
/** Whether a real moment is close enough to a simulated one, given the simulated moments at which pods finished (each one a batched sync of the real controller). */
const near = (reactions: number[], real: number, sim: number) => Math.abs(real - sim) <= TOLERANCE_S + reactions.filter((r) => r <= sim).length + 0.05 * sim;

interface RealPod { name: string; index?: number; createdAt: number; endedAt?: number; phase: 'Running' | 'Succeeded' | 'Failed' | 'Deleted'; deletedAt?: number }
interface RealTimeline { pods: RealPod[]; condition?: { type: string; reason: string; at: number }; deletedAt?: number; succeeded: number; failed: number }

/** Starts the stand-in kubelet for one namespace and waits until it watches. */
async function startKubelet(ns: string, outcome: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [FAKE_KUBELET!, CLUSTER_STATE!, '-n', ns, '--start-after', '0s', '--run-for', 'auto', '--outcome', outcome], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((ready, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`the stand-in kubelet did not start: ${out}`)), 10000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('fake-kubelet: pods in')) {
        clearTimeout(timer);
        ready();
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => fail(new Error(`the stand-in kubelet exited (${code}): ${out}`)));
  });
  return child;
}

/** Creates the Job and records what the real controllers do, polling every 200 ms, until `done` or `maxS`. */
async function runReal(ns: string, job: Record<string, any>, done: (t: RealTimeline) => boolean, maxS: number): Promise<RealTimeline> {
  const name = job.metadata.name;
  const t0 = Date.now();
  await apiOk('POST', `/apis/batch/v1/namespaces/${ns}/jobs`, job);
  const tl: RealTimeline = { pods: [], succeeded: 0, failed: 0 };
  const byName = new Map<string, RealPod>();
  for (;;) {
    const now = (Date.now() - t0) / 1000;
    const got = await api('GET', `/apis/batch/v1/namespaces/${ns}/jobs/${name}`);
    if (got.status === 404) tl.deletedAt ??= now;
    else {
      const status = (got.body as { status?: { conditions?: Array<{ type: string; status: string; reason?: string }>; succeeded?: number; failed?: number } }).status ?? {};
      tl.succeeded = status.succeeded ?? 0;
      tl.failed = status.failed ?? 0;
      const c = status.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
      if (c && !tl.condition) tl.condition = { type: c.type, reason: c.reason ?? '', at: now };
    }
    const items = ((await apiOk('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=batch.kubernetes.io%2Fjob-name%3D${name}`)).items as Array<{ metadata: { name: string; deletionTimestamp?: string; annotations?: Record<string, string> }; status?: { phase?: string } }>);
    const present = new Set<string>();
    for (const p of items) {
      present.add(p.metadata.name);
      let rp = byName.get(p.metadata.name);
      if (!rp) {
        const ix = p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'];
        rp = { name: p.metadata.name, createdAt: now, phase: 'Running', ...(ix !== undefined ? { index: Number(ix) } : {}) };
        byName.set(rp.name, rp);
        tl.pods.push(rp);
      }
      if (rp.endedAt === undefined && p.metadata.deletionTimestamp) {
        rp.phase = 'Deleted';
        rp.endedAt = now;
      } else if (rp.endedAt === undefined && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')) {
        rp.phase = p.status.phase;
        rp.endedAt = now;
      }
    }
    for (const rp of tl.pods) {
      if (present.has(rp.name) || rp.deletedAt !== undefined) continue;
      rp.deletedAt = now;
      if (rp.endedAt === undefined) {
        rp.phase = 'Deleted';
        rp.endedAt = now;
      }
    }
    if (done(tl) || now > maxS) return tl;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The most pods running at once. */
function peak(pods: Array<{ createdAt: number; endedAt?: number }>): number {
  const marks = pods.flatMap((p) => [[p.createdAt, 1], [p.endedAt ?? Infinity, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let n = 0;
  let top = 0;
  for (const [, d] of marks) top = Math.max(top, (n += d));
  return top;
}

function compare(what: string, real: RealTimeline, sim: JobTimeline, diag: (s: string) => void): void {
  const simPods = [...sim.pods].sort((a, b) => a.createdAt - b.createdAt);
  const reactions = [...new Set(simPods.map((p) => p.endedAt).filter((t): t is number => t !== undefined))];
  const within = (real: number, sim: number) => near(reactions, real, sim);
  const realPods = [...real.pods].sort((a, b) => a.createdAt - b.createdAt);
  const fmt = (ps: Array<{ createdAt: number; endedAt?: number; phase: string; index?: number; deletedAt?: number }>) => ps.map((p) => `${p.index ?? ''}[${p.createdAt.toFixed(1)}–${p.endedAt?.toFixed(1) ?? '…'} ${p.phase}${p.deletedAt !== undefined ? ` del ${p.deletedAt.toFixed(1)}` : ''}]`).join(' ');
  diag(`${what} simulated: ${fmt(simPods)} → ${sim.outcome} at ${sim.finishedAt} (${sim.reason}) deleted ${sim.deletedAt ?? '-'}`);
  diag(`${what} real:      ${fmt(realPods)} → ${real.condition?.type} ${real.condition?.reason} at ${real.condition?.at.toFixed(1)} deleted ${real.deletedAt?.toFixed(1) ?? '-'} (status succeeded ${real.succeeded}, failed ${real.failed})`);
  assert.equal(realPods.length, simPods.length, `${what}: pods created`);
  const count = (ps: Array<{ phase: string }>, ph: string) => ps.filter((p) => p.phase === ph).length;
  for (const ph of ['Succeeded', 'Failed', 'Deleted']) assert.equal(count(realPods, ph), count(simPods, ph), `${what}: pods ${ph}`);
  assert.deepEqual(realPods.map((p) => p.phase), simPods.map((p) => p.phase), `${what}: the phases in creation order`);
  if (simPods.some((p) => p.index !== undefined)) assert.deepEqual(realPods.map((p) => p.index).sort(), simPods.map((p) => p.index).sort(), `${what}: completion indexes`);
  assert.equal(peak(realPods), peak(simPods), `${what}: pods at once`);
  realPods.forEach((p, i) => {
    assert.ok(within(p.createdAt, simPods[i].createdAt), `${what}: pod ${i + 1} created at ${p.createdAt.toFixed(1)} s, simulated ${simPods[i].createdAt} s`);
    assert.ok(within(p.endedAt ?? Infinity, simPods[i].endedAt ?? Infinity) || (p.endedAt === undefined && simPods[i].endedAt === undefined), `${what}: pod ${i + 1} ended at ${p.endedAt} s, simulated ${simPods[i].endedAt} s`);
  });
  assert.equal(real.condition?.type, sim.outcome, `${what}: the Job's final condition`);
  if (sim.outcome === 'Failed') assert.equal(real.condition?.reason, sim.reason?.split(':')[0], `${what}: the Failed condition's reason`);
  assert.ok(within(real.condition!.at, sim.finishedAt!), `${what}: finished at ${real.condition!.at.toFixed(1)} s, simulated ${sim.finishedAt} s`);
  assert.equal(real.succeeded, sim.succeeded, `${what}: status.succeeded`);
  assert.equal(real.failed, sim.failed, `${what}: status.failed`);
  if (sim.deletedAt !== undefined) {
    assert.ok(real.deletedAt !== undefined && within(real.deletedAt, sim.deletedAt), `${what}: deleted at ${real.deletedAt} s, simulated ${sim.deletedAt} s`);
  } else assert.equal(real.deletedAt, undefined, `${what}: not deleted`);
}

const jobOf = (name: string, spec: Record<string, any>, command: string): Record<string, any> => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
  spec: { ...spec, template: { spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['/bin/sh', '-c', command] }], restartPolicy: 'Never' } } },
});

describe('Job timelines against the real Job and TTL controllers (with a stand-in kubelet)', { skip: SKIP, concurrency: true }, () => {
  async function check(what: string, job: Record<string, any>, outcome: string, failureRate: number, diag: (s: string) => void): Promise<void> {
    const sim = simulateJob(job.metadata.name, job.spec, { failureRate });
    const waitFor = (sim.deletedAt ?? sim.finishedAt ?? 60) + 8;
    const ns = await createNamespace('wl-job');
    let kubelet: ChildProcess | undefined;
    try {
      kubelet = await startKubelet(ns, outcome);
      const real = await runReal(ns, job, (t) => !!t.condition && (sim.deletedAt === undefined ? t.pods.every((p) => p.endedAt !== undefined) : t.deletedAt !== undefined && t.pods.every((p) => p.deletedAt !== undefined)), waitFor);
      compare(what, real, sim, diag);
    } finally {
      kubelet?.kill();
      await dropNamespace(ns);
    }
  }

  test('the lesson\'s hello-job: two pods at once, complete at +10 s, deleted by the TTL controller at +70 s', async (t) => {
    const job = parse(readFileSync(resolve(LESSON_DIR, 'hello-job.yaml'), 'utf8'));
    await check('hello-job', job, 'succeed', 0, (s) => t.diagnostic(s));
  });

  test('a failing Job: back-off 10 s then 20 s, Failed with BackoffLimitExceeded after backoffLimit + 1 failures', async (t) => {
    await check('failing', jobOf('failing', { backoffLimit: 2 }, 'sleep 1; exit 1'), 'fail', 1, (s) => t.diagnostic(s));
  });

  test('two failures then a success: the back-off grows, the Job completes', async (t) => {
    await check('fail-first-2', jobOf('flaky', { backoffLimit: 3 }, 'sleep 1'), 'fail-first=2', 2 / 3, (s) => t.diagnostic(s));
  });

  test('two failing pods at once: both count, the back-off is 20 s (10 s · 2^(2−1))', async (t) => {
    await check('parallel-failing', jobOf('parallel-failing', { completions: 2, parallelism: 2, backoffLimit: 3 }, 'sleep 1; exit 1'), 'fail', 1, (s) => t.diagnostic(s));
  });

  // sleep 3, not 1: the stand-in kubelet's runs are up to 1 s short (see above), and each index keeps its own back-off
  // clock, so with 1 s runs the two indexes' retries drift apart and stop overlapping (an artefact, not Kubernetes).
  test('backoffLimitPerIndex: each index retried once after its own back-off, then Failed with FailedIndexes', async (t) => {
    await check('per-index', jobOf('per-index', { completions: 2, parallelism: 2, completionMode: 'Indexed', backoffLimitPerIndex: 1 }, 'sleep 3; exit 1'), 'fail', 1, (s) => t.diagnostic(s));
  });

  test('an Indexed Job: three indexes, two at a time', async (t) => {
    await check('indexed', jobOf('indexed', { completions: 3, parallelism: 2, completionMode: 'Indexed' }, 'sleep 2'), 'succeed', 0, (s) => t.diagnostic(s));
  });

  test('activeDeadlineSeconds: the running pod is deleted, Failed with DeadlineExceeded', async (t) => {
    await check('deadline', jobOf('deadline', { activeDeadlineSeconds: 5 }, 'sleep 30'), 'succeed', 0, (s) => t.diagnostic(s));
  });

  test('ttlSecondsAfterFinished: the TTL controller deletes the finished Job and its pods', async (t) => {
    await check('ttl', jobOf('ttl', { ttlSecondsAfterFinished: 3, completions: 2 }, 'sleep 1'), 'succeed', 0, (s) => t.diagnostic(s));
  });
});
