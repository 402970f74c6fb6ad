import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { LESSON_DIR } from '../helpers/fixtures';
import { SKIP_REASON, TEST_KUBECONFIG, api, apiOk, createNamespace, dropNamespace, eventually } from '../helpers/testCluster';
import { ClusterClient } from '../../server/src/cluster';
import { clusterNodes } from '../../server/src/core/placement/inUse';
import { placePod, podTemplateOf } from '../../server/src/core/placement';

/**
 * Placement checked against the real DaemonSet controller and scheduler: each variant of the lesson's
 * DaemonSet (and a Job's pod) is created in the control plane; once the controllers have settled
 * (every pod bound, or marked unschedulable by the scheduler), the nodes that got a bound pod, a
 * pending pod or nothing are compared with placePod on the same Node objects, read through the
 * project's own cluster client.
 *
 * The test adds five nodes of its own (the lesson's three are left untouched, since other test files
 * run against them at the same time): each carries the taint workload-lens.test/sim=<run>:NoSchedule,
 * which only this test's workloads tolerate, so no other test's pods land there, and the label
 * workload-lens.test/owner=<run>. The nodes are deleted at the end.
 */

const RUN = `${process.pid % 100000}${Math.floor(Math.random() * 1000)}`;
const ISOLATION = { key: 'workload-lens.test/sim', value: RUN, effect: 'NoSchedule' };
const TOLERATE_ISOLATION = { key: ISOLATION.key, operator: 'Equal', value: RUN, effect: 'NoSchedule' };
const OWNER = 'workload-lens.test/owner';

interface NodeShape { suffix: string; controlPlane?: boolean; cordoned?: boolean; notReady?: boolean; taints?: Array<{ key: string; value?: string; effect: string }>; cpu?: string; memory?: string; labels?: Record<string, string> }
const SHAPES: NodeShape[] = [
  { suffix: 'cp', controlPlane: true, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  { suffix: 'cordoned', cordoned: true },
  { suffix: 'dedicated', taints: [{ key: 'dedicated', value: 'logs', effect: 'NoSchedule' }] },
  { suffix: 'draining', taints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }] },
  { suffix: 'small', cpu: '1', memory: '2Gi', labels: { disktype: 'ssd' } },
  // what nodes.mjs notready and the node lifecycle controller do: Ready False, not-ready NoSchedule and NoExecute
  { suffix: 'notready', notReady: true, taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] },
  { suffix: 'nonet', taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] },
  { suffix: 'pressure', taints: [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }] },
];
const nodeName = (s: NodeShape) => `wlsim-${RUN}-${s.suffix}`;

/** Registers a node the way nodes.mjs (and a kubelet) does: create, then Ready with capacity through the status subresource, then the taints we want (admission adds not-ready). */
async function createNode(s: NodeShape): Promise<void> {
  const name = nodeName(s);
  const labels: Record<string, string> = { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', [OWNER]: RUN, ...(s.labels ?? {}) };
  if (s.controlPlane) Object.assign(labels, { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' });
  await apiOk('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: {} });
  const resources = { cpu: s.cpu ?? '8', memory: s.memory ?? '16Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  for (let attempt = 0; ; attempt++) {
    const node = await apiOk('GET', `/api/v1/nodes/${name}`);
    node.status = { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: s.notReady ? 'False' : 'True', reason: s.notReady ? 'KubeletNotReady' : 'KubeletReady', message: s.notReady ? 'set NotReady by the test' : 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }], nodeInfo: { kubeletVersion: 'v1.31.4', machineID: '', systemUUID: '', bootID: '', kernelVersion: '', osImage: '', containerRuntimeVersion: '', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64' } };
    const put = await api('PUT', `/api/v1/nodes/${name}/status`, node);
    if (put.status < 300) break;
    if (put.status !== 409 || attempt > 5) throw new Error(`PUT nodes/${name}/status: ${put.status}`);
  }
  const patched = await api('PATCH', `/api/v1/nodes/${name}`, { spec: { unschedulable: s.cordoned ? true : null, taints: [ISOLATION, ...(s.taints ?? [])] } }, 'application/merge-patch+json');
  if (patched.status >= 300) throw new Error(`PATCH nodes/${name}: ${patched.status} ${JSON.stringify(patched.body)}`);
}

const lessonDs = parse(readFileSync(resolve(LESSON_DIR, 'log-collector-daemonset.yaml'), 'utf8'));

/** The lesson DaemonSet (its pod spec as written), renamed, in our namespace, tolerating the isolation taint, changed by `edit`. */
function variant(name: string, edit: (spec: Record<string, any>) => void = () => {}): Record<string, any> {
  const ds = structuredClone(lessonDs);
  ds.metadata = { name, labels: { app: name } };
  ds.spec.selector = { matchLabels: { app: name } };
  ds.spec.template.metadata = { labels: { app: name } };
  const spec = ds.spec.template.spec;
  spec.tolerations = [...(spec.tolerations ?? []), TOLERATE_ISOLATION];
  edit(spec);
  return ds;
}

interface PodSeen { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName?: string; affinity?: any }; status?: { conditions?: Array<{ type: string; status: string; reason?: string }> } }

/** The node a DaemonSet pod is for: the controller pins it with a matchFields metadata.name term (pkg/controller/daemon/util ReplaceDaemonSetPodNodeNameNodeAffinity). */
function targetNode(p: PodSeen): string | undefined {
  const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name') return f.values?.[0];
  return p.spec.nodeName;
}
const unschedulable = (p: PodSeen) => p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False') ?? false;

interface Outcome { scheduled: string[]; pending: string[] }

describe('placement against the real DaemonSet controller and scheduler', { skip: SKIP_REASON, concurrency: true }, () => {
  let ns = '';
  let client: ClusterClient;
  let nodesMade: string[] = [];
  before(async () => {
    client = ClusterClient.open({ kubeconfig: TEST_KUBECONFIG });
    ns = await createNamespace('wl-place');
    for (const s of SHAPES) {
      await createNode(s);
      nodesMade.push(nodeName(s));
    }
    // What already runs: a pod bound to "small" (nodeName, as a kubelet-admitted pod) holding host port 18081.
    await apiOk('POST', `/api/v1/namespaces/${ns}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'holds-port' }, spec: { nodeName: nodeName(SHAPES[4]), containers: [{ name: 'c', image: 'busybox:1.36', ports: [{ containerPort: 80, hostPort: 18081 }] }] } });
  });
  after(async () => {
    if (ns) await dropNamespace(ns);
    for (const n of nodesMade) await api('DELETE', `/api/v1/nodes/${n}`);
    nodesMade = [];
  });

  /** What placePod predicts on the cluster's nodes as the project's cluster client reads them (with what already runs there). */
  async function predict(obj: Record<string, any>): Promise<Outcome & { all: string[] }> {
    const live = await client.nodesAndPods();
    const set = clusterNodes(live.nodes, live.pods, live.source);
    const ref = podTemplateOf({ ...obj, metadata: { ...obj.metadata, namespace: ns } });
    assert.ok(ref);
    const report = placePod(ref!, set.nodes);
    const pick = (r: string) => report.nodes.filter((n) => n.result === r).map((n) => n.node).sort();
    return { scheduled: pick('scheduled'), pending: pick('pending'), all: report.nodes.map((n) => n.node) };
  }

  /** Creates the DaemonSet and waits until its controller created every pod it wants and the scheduler bound each or gave up on it. */
  async function realDaemonSet(ds: Record<string, any>): Promise<Outcome> {
    const name = ds.metadata.name;
    await apiOk('POST', `/apis/apps/v1/namespaces/${ns}/daemonsets`, ds);
    return eventually(async () => {
      const got = await apiOk('GET', `/apis/apps/v1/namespaces/${ns}/daemonsets/${name}`);
      const status = got.status as { observedGeneration?: number; desiredNumberScheduled?: number } | undefined;
      if (!status?.observedGeneration) return undefined;
      const pods = ((await apiOk('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=app%3D${name}`)).items as PodSeen[]).filter((p) => !p.metadata.deletionTimestamp);
      if (pods.length !== status.desiredNumberScheduled) return undefined;
      if (!pods.every((p) => p.spec.nodeName || unschedulable(p))) return undefined;
      return {
        scheduled: pods.filter((p) => p.spec.nodeName).map((p) => p.spec.nodeName!).sort(),
        pending: pods.filter((p) => !p.spec.nodeName).map((p) => targetNode(p) ?? '?').sort(),
      };
    }, 30000, `DaemonSet ${name} to settle`);
  }

  async function compare(ds: Record<string, any>, expectOnOurs: Partial<Record<'scheduled' | 'pending', string[]>>): Promise<void> {
    const predicted = await predict(ds);
    const real = await realDaemonSet(ds);
    assert.deepEqual(real, { scheduled: predicted.scheduled, pending: predicted.pending }, `${ds.metadata.name}: real controllers vs placePod`);
    // The case really exercises what it is about (on the test's own nodes): not a comparison of two empty answers.
    const ours = (list: string[]) => list.filter((n) => n.startsWith(`wlsim-${RUN}-`)).map((n) => n.slice(`wlsim-${RUN}-`.length));
    if (expectOnOurs.scheduled) assert.deepEqual(ours(real.scheduled), [...expectOnOurs.scheduled].sort(), `${ds.metadata.name}: scheduled on the test's nodes`);
    if (expectOnOurs.pending) assert.deepEqual(ours(real.pending), [...expectOnOurs.pending].sort(), `${ds.metadata.name}: pending on the test's nodes`);
  }

  test('the lesson DaemonSet: every node but the NoSchedule-tainted and NoExecute-tainted ones; cordoned and memory-pressure still get one, not-ready not', async () => {
    await compare(variant('lesson'), { scheduled: ['cp', 'cordoned', 'small', 'pressure'], pending: [] });
  });

  test('without the control-plane toleration: not on control-plane nodes', async () => {
    await compare(variant('no-toleration', (s) => (s.tolerations = s.tolerations.filter((t: { key: string }) => t.key !== 'node-role.kubernetes.io/control-plane'))), { scheduled: ['cordoned', 'small', 'pressure'] });
  });

  test('with a nodeSelector: only the matching node', async () => {
    await compare(variant('selector', (s) => (s.nodeSelector = { disktype: 'ssd' })), { scheduled: ['small'] });
  });

  test('with required node affinity (control-plane role DoesNotExist, hostname NotIn)', async () => {
    await compare(variant('affinity', (s) => (s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' }, { key: 'kubernetes.io/hostname', operator: 'NotIn', values: [nodeName(SHAPES[4])] }] }] } } })), { scheduled: ['cordoned', 'pressure'] });
  });

  test('tolerating the extra NoSchedule taint, and every NoExecute taint (operator Exists, no key)', async () => {
    await compare(variant('tolerate-dedicated', (s) => s.tolerations.push({ key: 'dedicated', operator: 'Equal', value: 'logs', effect: 'NoSchedule' })), { scheduled: ['cp', 'cordoned', 'dedicated', 'small', 'pressure'] });
    await compare(variant('tolerate-noexecute', (s) => s.tolerations.push({ operator: 'Exists', effect: 'NoExecute' })), { scheduled: ['cp', 'cordoned', 'draining', 'small', 'pressure'] });
  });

  test('hostNetwork: the controller adds the network-unavailable toleration too', async () => {
    await compare(variant('host-network', (s) => (s.hostNetwork = true)), { scheduled: ['cp', 'cordoned', 'small', 'pressure', 'nonet'] });
  });

  test('a host port already in use on one node: the controller creates its pod, the scheduler leaves it pending there', async () => {
    await compare(variant('host-port', (s) => (s.containers[0].ports = [{ containerPort: 8080, hostPort: 18081 }])), { scheduled: ['cp', 'cordoned', 'pressure'], pending: ['small'] });
  });

  test('requests that do not fit one node: the controller creates its pod, the scheduler leaves it pending', async () => {
    await compare(variant('heavy', (s) => (s.containers[0].resources = { requests: { cpu: '1500m', memory: '50Mi' }, limits: { cpu: '1500m', memory: '100Mi' } })), { scheduled: ['cp', 'cordoned', 'pressure'], pending: ['small'] });
  });

  test('a Job pod: the scheduler\'s filters only (no daemon tolerations: the cordoned node is out)', async () => {
    const job = (name: string, edit: (s: Record<string, any>) => void) => {
      const spec: Record<string, any> = { tolerations: [TOLERATE_ISOLATION], nodeSelector: { [OWNER]: RUN }, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], resources: { requests: { cpu: '50m' } } }], restartPolicy: 'Never' };
      edit(spec);
      return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { parallelism: 3, completions: 3, template: { metadata: { labels: { app: name } }, spec } } };
    };
    for (const j of [job('job-fits', () => {}), job('job-heavy', (s) => (s.containers[0].resources.requests.cpu = '1500m'))]) {
      const predicted = await predict(j);
      await apiOk('POST', `/apis/batch/v1/namespaces/${ns}/jobs`, j);
      const pods = await eventually(async () => {
        const items = ((await apiOk('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=app%3D${j.metadata.name}`)).items as PodSeen[]);
        return items.length === 3 && items.every((p) => p.spec.nodeName || unschedulable(p)) ? items : undefined;
      }, 30000, `Job ${j.metadata.name}'s pods to be bound or unschedulable`);
      const bound = pods.map((p) => p.spec.nodeName).filter((n): n is string => !!n);
      // Of the test's nodes only "small" takes a Job pod (cordoned is unschedulable, every other one tainted).
      assert.deepEqual(predicted.scheduled, j.metadata.name === 'job-fits' ? [nodeName(SHAPES[4])] : [], `${j.metadata.name}: placePod`);
      for (const n of bound) assert.ok(predicted.scheduled.includes(n), `${j.metadata.name}: the scheduler bound a pod to ${n}, placePod says ${JSON.stringify(predicted)}`);
      if (predicted.scheduled.length === 0) assert.equal(bound.length, 0, `${j.metadata.name}: placePod finds no node, the scheduler bound ${bound}`);
      else assert.equal(bound.length, 3);
    }
  });
});
