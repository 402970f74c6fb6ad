import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import {
  daemonTolerations, defaultCluster, nodesFromFile, nodesFromObjects, nodesFromText, placePod, podTemplateOf, podTemplatesIn, toleratesTaint,
  type NodeInfo, type PlacementReport, type Taint, type Toleration, type WhatIf,
} from '../../server/src/core/placement';
import { podRequests, formatAmount, quantityMilli } from '../../server/src/core/placement/resources';
import { lesson } from '../helpers/fixtures';

function node(name: string, extra: Partial<NodeInfo> = {}): NodeInfo {
  return { name, labels: { 'kubernetes.io/hostname': name }, taints: [], unschedulable: false, allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, ...extra };
}

function workload(kind: 'DaemonSet' | 'Job' | 'CronJob', podSpec: Record<string, unknown>) {
  const containers = podSpec.containers ?? [{ name: 'c', image: 'busybox' }];
  const template = { spec: { ...podSpec, containers } };
  const obj = kind === 'CronJob' ? { kind, metadata: { name: 'w' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } } : { kind, metadata: { name: 'w' }, spec: { template } };
  return podTemplateOf(obj)!;
}

function place(kind: 'DaemonSet' | 'Job' | 'CronJob', podSpec: Record<string, unknown>, nodes: NodeInfo[], whatIf?: WhatIf): PlacementReport {
  return placePod(workload(kind, podSpec), nodes, whatIf);
}

function results(r: PlacementReport): Record<string, string> {
  return Object.fromEntries(r.nodes.map((n) => [n.node, n.result]));
}

function reasonsOf(r: PlacementReport, name: string): string[] {
  return r.nodes.find((n) => n.node === name)!.reasons;
}

describe('the lesson: log-collector on the kind cluster', () => {
  const ds = podTemplatesIn(parseWorkloadFile(lesson.daemonset()))[0];
  test('with its toleration it runs on all three nodes', () => {
    const r = placePod(ds, defaultCluster());
    assert.deepEqual(results(r), { 'my-second-cluster-control-plane': 'scheduled', 'my-second-cluster-worker': 'scheduled', 'my-second-cluster-worker2': 'scheduled' });
    assert.deepEqual(r.counts, { nodes: 3, scheduled: 3, notScheduled: 0, pending: 0 });
    assert.equal(r.workload, 'DaemonSet/log-collector');
  });
  test('without it only on the two workers', () => {
    const r = placePod(ds, defaultCluster(), { removeTolerations: [0] });
    assert.deepEqual(results(r), { 'my-second-cluster-control-plane': 'not-scheduled', 'my-second-cluster-worker': 'scheduled', 'my-second-cluster-worker2': 'scheduled' });
    assert.deepEqual(reasonsOf(r, 'my-second-cluster-control-plane'), ['taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated']);
  });
  test('the lesson Job gets the scheduler filters without daemon tolerations', () => {
    const job = podTemplatesIn(parseWorkloadFile(lesson.job()))[0];
    const r = placePod(job, defaultCluster());
    assert.equal(r.mode, 'scheduler');
    assert.deepEqual(results(r), { 'my-second-cluster-control-plane': 'not-scheduled', 'my-second-cluster-worker': 'scheduled', 'my-second-cluster-worker2': 'scheduled' });
  });
  test('the lesson CronJob pod template is found under jobTemplate', () => {
    const cj = podTemplatesIn(parseWorkloadFile(lesson.cronjob()))[0];
    assert.equal(cj.path, 'spec.jobTemplate.spec.template.spec');
    assert.equal(placePod(cj, defaultCluster()).counts.scheduled, 2);
  });
  test('the default cluster is the lesson kind cluster, v1.31 labels', () => {
    const [cp, w1, w2] = defaultCluster();
    assert.deepEqual([cp.name, w1.name, w2.name], ['my-second-cluster-control-plane', 'my-second-cluster-worker', 'my-second-cluster-worker2']);
    assert.equal(cp.labels['node-role.kubernetes.io/control-plane'], '');
    assert.equal(w1.labels['kubernetes.io/os'], 'linux');
    assert.deepEqual(cp.taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  });
});

describe('toleration matching', () => {
  const taint = (key: string, effect: Taint['effect'], value?: string): Taint => ({ key, effect, value });
  const table: Array<[string, Toleration, Taint, boolean]> = [
    ['Exists with key, same effect', { key: 'a', operator: 'Exists', effect: 'NoSchedule' }, taint('a', 'NoSchedule', 'x'), true],
    ['Exists with key, other effect', { key: 'a', operator: 'Exists', effect: 'NoExecute' }, taint('a', 'NoSchedule'), false],
    ['empty effect matches every effect', { key: 'a', operator: 'Exists' }, taint('a', 'NoExecute'), true],
    ['Exists without key matches every key', { operator: 'Exists' }, taint('anything', 'NoSchedule', 'v'), true],
    ['Exists without key but with effect', { operator: 'Exists', effect: 'NoExecute' }, taint('anything', 'NoSchedule'), false],
    ['Equal with the same value', { key: 'a', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, taint('a', 'NoSchedule', 'v'), true],
    ['Equal with another value', { key: 'a', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, taint('a', 'NoSchedule', 'w'), false],
    ['no operator means Equal', { key: 'a', value: 'v' }, taint('a', 'NoSchedule', 'v'), true],
    ['Equal with empty value matches a taint without value', { key: 'a', operator: 'Equal' }, taint('a', 'NoSchedule'), true],
    ['Equal with empty value does not match a taint with value', { key: 'a', operator: 'Equal', value: '' }, taint('a', 'NoSchedule', 'v'), false],
    ['other key', { key: 'b', operator: 'Exists' }, taint('a', 'NoSchedule'), false],
    ['unknown operator tolerates nothing', { key: 'a', operator: 'Matches' }, taint('a', 'NoSchedule'), false],
  ];
  for (const [name, toleration, t, expected] of table) test(name, () => assert.equal(toleratesTaint(toleration, t), expected));
});

describe('DaemonSet controller tolerations', () => {
  test('not-ready/unreachable NoExecute and the pressure/unschedulable NoSchedule ones', () => {
    assert.deepEqual(daemonTolerations(false).map((t) => `${t.key}:${t.effect}`), [
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    assert.ok(daemonTolerations(false).every((t) => t.operator === 'Exists'));
  });
  test('network-unavailable only for hostNetwork pods', () => {
    assert.ok(daemonTolerations(true).some((t) => t.key === 'node.kubernetes.io/network-unavailable'));
    const tainted = [node('n', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] })];
    assert.equal(place('DaemonSet', { hostNetwork: true }, tainted).nodes[0].result, 'scheduled');
    assert.equal(place('DaemonSet', {}, tainted).nodes[0].result, 'not-scheduled');
  });
  test('a DaemonSet tolerates disk pressure, a Job does not', () => {
    const n = [node('n', { taints: [{ key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' }] })];
    assert.equal(place('DaemonSet', {}, n).nodes[0].result, 'scheduled');
    assert.deepEqual(place('Job', {}, n).nodes[0].reasons, ['taint node.kubernetes.io/disk-pressure:NoSchedule not tolerated']);
  });
  test('not-ready NoExecute is tolerated for daemon pods; another NoExecute taint is not', () => {
    const n = [node('a', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), node('b', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] })];
    const r = place('DaemonSet', {}, n);
    assert.deepEqual(results(r), { a: 'scheduled', b: 'not-scheduled' });
    assert.deepEqual(reasonsOf(r, 'b'), ['taint dedicated=db:NoExecute not tolerated']);
  });
  test('PreferNoSchedule never blocks', () => {
    const r = place('Job', {}, [node('n', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] })]);
    assert.equal(r.nodes[0].result, 'scheduled');
    assert.match(r.nodes[0].notes.join(), /only a preference/);
  });
  test('a pod that already has the toleration does not get it twice', () => {
    const r = place('DaemonSet', { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }] }, [node('n')]);
    assert.equal(r.tolerations.filter((t) => t.key === 'node.kubernetes.io/not-ready').length, 1);
  });
});

describe('cordoned nodes and spec.nodeName', () => {
  const nodes = [node('a'), node('b', { unschedulable: true })];
  test('a cordoned node still gets the daemon pod', () => {
    const r = place('DaemonSet', {}, nodes);
    assert.deepEqual(results(r), { a: 'scheduled', b: 'scheduled' });
    assert.match(r.nodes[1].notes.join(), /cordoned/);
  });
  test('a cordoned node is filtered out for a Job', () => {
    const r = place('Job', {}, nodes);
    assert.deepEqual(reasonsOf(r, 'b'), ['node is cordoned (spec.unschedulable: true)']);
  });
  test('a Job that tolerates node.kubernetes.io/unschedulable passes the cordon', () => {
    assert.equal(place('Job', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] }, nodes).nodes[1].result, 'scheduled');
  });
  test('spec.nodeName picks exactly one node', () => {
    const r = place('DaemonSet', { nodeName: 'b' }, nodes);
    assert.deepEqual(results(r), { a: 'not-scheduled', b: 'scheduled' });
    assert.deepEqual(reasonsOf(r, 'a'), ['spec.nodeName is b']);
  });
  test('spec.nodeName on a Job skips NoSchedule taints and cordons (the kubelet admits it)', () => {
    const n = [node('a', { unschedulable: true, taints: [{ key: 'x', effect: 'NoSchedule' }] })];
    assert.equal(place('Job', { nodeName: 'a' }, n).nodes[0].result, 'scheduled');
    const noExec = [node('a', { taints: [{ key: 'x', effect: 'NoExecute' }] })];
    assert.deepEqual(place('Job', { nodeName: 'a' }, noExec).nodes[0].reasons, ['taint x:NoExecute not tolerated']);
  });
  test('spec.nodeName naming no node is a warning', () => {
    assert.match(place('Job', { nodeName: 'ghost' }, nodes).warnings.join(), /names no known node/);
  });
});

describe('nodeSelector and required node affinity', () => {
  const nodes = [
    node('ssd', { labels: { disktype: 'ssd', gen: '5', zone: 'a' } }),
    node('hdd', { labels: { disktype: 'hdd', gen: '3', zone: 'b' } }),
    node('bare', { labels: {} }),
  ];
  const affinity = (terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
  const expr = (key: string, operator: string, values?: string[]) => ({ key, operator, ...(values ? { values } : {}) });
  test('nodeSelector', () => {
    const r = place('DaemonSet', { nodeSelector: { disktype: 'ssd' } }, nodes);
    assert.deepEqual(results(r), { ssd: 'scheduled', hdd: 'not-scheduled', bare: 'not-scheduled' });
    assert.deepEqual(reasonsOf(r, 'hdd'), ['nodeSelector disktype=ssd not matched']);
    assert.deepEqual(r.nodes[0].labels, { disktype: 'ssd' });
  });
  const table: Array<[string, unknown[], Record<string, string>]> = [
    ['In', [{ matchExpressions: [expr('disktype', 'In', ['ssd', 'nvme'])] }], { ssd: 'scheduled', hdd: 'not-scheduled', bare: 'not-scheduled' }],
    ['NotIn matches a node without the label', [{ matchExpressions: [expr('disktype', 'NotIn', ['hdd'])] }], { ssd: 'scheduled', hdd: 'not-scheduled', bare: 'scheduled' }],
    ['Exists', [{ matchExpressions: [expr('disktype', 'Exists')] }], { ssd: 'scheduled', hdd: 'scheduled', bare: 'not-scheduled' }],
    ['DoesNotExist matches a node without the label', [{ matchExpressions: [expr('disktype', 'DoesNotExist')] }], { ssd: 'not-scheduled', hdd: 'not-scheduled', bare: 'scheduled' }],
    ['Gt', [{ matchExpressions: [expr('gen', 'Gt', ['4'])] }], { ssd: 'scheduled', hdd: 'not-scheduled', bare: 'not-scheduled' }],
    ['Lt', [{ matchExpressions: [expr('gen', 'Lt', ['4'])] }], { ssd: 'not-scheduled', hdd: 'scheduled', bare: 'not-scheduled' }],
    ['expressions in a term are ANDed', [{ matchExpressions: [expr('disktype', 'In', ['ssd']), expr('zone', 'In', ['b'])] }], { ssd: 'not-scheduled', hdd: 'not-scheduled', bare: 'not-scheduled' }],
    ['terms are ORed', [{ matchExpressions: [expr('disktype', 'In', ['ssd'])] }, { matchExpressions: [expr('zone', 'In', ['b'])] }], { ssd: 'scheduled', hdd: 'scheduled', bare: 'not-scheduled' }],
    ['matchFields metadata.name In', [{ matchFields: [expr('metadata.name', 'In', ['bare'])] }], { ssd: 'not-scheduled', hdd: 'not-scheduled', bare: 'scheduled' }],
    ['matchFields metadata.name NotIn', [{ matchFields: [expr('metadata.name', 'NotIn', ['bare'])] }], { ssd: 'scheduled', hdd: 'scheduled', bare: 'not-scheduled' }],
    ['an empty term selects nothing', [{}], { ssd: 'not-scheduled', hdd: 'not-scheduled', bare: 'not-scheduled' }],
    ['an invalid term never matches, a valid one still does', [{ matchExpressions: [expr('gen', 'Gt', ['x'])] }, { matchExpressions: [expr('zone', 'In', ['a'])] }], { ssd: 'scheduled', hdd: 'not-scheduled', bare: 'not-scheduled' }],
  ];
  for (const [name, terms, expected] of table) test(name, () => assert.deepEqual(results(place('Job', affinity(terms), nodes)), expected));
  test('the affinity reason names the term and what the node has', () => {
    const r = place('Job', affinity([{ matchExpressions: [expr('disktype', 'In', ['ssd'])] }]), nodes);
    assert.deepEqual(reasonsOf(r, 'hdd'), ['required node affinity not matched (term 0: disktype In [ssd] (node has disktype=hdd))']);
    assert.deepEqual(reasonsOf(r, 'bare'), ['required node affinity not matched (term 0: disktype In [ssd] (node has no disktype label))']);
  });
  test('nodeSelector and affinity must both hold', () => {
    const r = place('Job', { nodeSelector: { zone: 'a' }, ...affinity([{ matchExpressions: [expr('disktype', 'In', ['hdd'])] }]) }, nodes);
    assert.equal(r.counts.scheduled, 0);
  });
});

describe('resource fit', () => {
  const small = [node('small', { allocatable: { cpu: '250m', memory: '1Gi', pods: '110' } }), node('big')];
  const container = (resources: unknown, extra: Record<string, unknown> = {}) => ({ name: 'c', image: 'i', resources, ...extra });
  test('a daemon pod that does not fit is created but Pending', () => {
    const r = place('DaemonSet', { containers: [container({ requests: { cpu: '500m' } })] }, small);
    assert.deepEqual(results(r), { small: 'pending', big: 'scheduled' });
    assert.deepEqual(reasonsOf(r, 'small'), ['insufficient cpu: requests 500m, allocatable 250m']);
  });
  test('a Job pod that does not fit is filtered out', () => {
    assert.equal(place('Job', { containers: [container({ requests: { cpu: '500m' } })] }, small).nodes[0].result, 'not-scheduled');
  });
  test('memory reasons use manifest units', () => {
    const r = place('Job', { containers: [container({ requests: { memory: '2Gi' } })] }, small);
    assert.deepEqual(reasonsOf(r, 'small'), ['insufficient memory: requests 2Gi, allocatable 1Gi']);
  });
  const requests: Array<[string, Record<string, unknown>, Record<string, string>]> = [
    ['limits-only containers request their limits', { containers: [container({ limits: { cpu: '300m', memory: '64Mi' } })] }, { cpu: '300m', memory: '64Mi' }],
    ['an explicit request wins over the limit', { containers: [container({ requests: { cpu: '100m' }, limits: { cpu: '300m' } })] }, { cpu: '100m' }],
    ['containers add up', { containers: [container({ requests: { cpu: '100m' } }), container({ requests: { cpu: '200m' } })] }, { cpu: '300m' }],
    ['init containers count by their maximum', { containers: [container({ requests: { cpu: '500m' } })], initContainers: [container({ requests: { cpu: '2' } }), container({ requests: { cpu: '1' } })] }, { cpu: '2' }],
    ['a small init container does not add', { containers: [container({ requests: { cpu: '500m' } }), container({ requests: { cpu: '500m' } })], initContainers: [container({ requests: { cpu: '800m' } })] }, { cpu: '1' }],
    ['sidecars (restartPolicy Always) add to the sum', { containers: [container({ requests: { cpu: '500m' } })], initContainers: [container({ requests: { cpu: '200m' } }, { restartPolicy: 'Always' })] }, { cpu: '700m' }],
    ['a plain init container after a sidecar runs next to it', { containers: [container({ requests: { cpu: '100m' } })], initContainers: [container({ requests: { cpu: '200m' } }, { restartPolicy: 'Always' }), container({ requests: { cpu: '1' } })] }, { cpu: '1200m' }],
    ['pod overhead is added', { containers: [container({ requests: { cpu: '100m' } })], overhead: { cpu: '250m' } }, { cpu: '350m' }],
  ];
  for (const [name, spec, expected] of requests) {
    test(name, () => {
      const amounts = podRequests(spec);
      assert.deepEqual(Object.fromEntries([...amounts].map(([k, v]) => [k, formatAmount(k, v)])), expected);
    });
  }
  test('an extended resource the node lacks does not fit', () => {
    const r = place('Job', { containers: [container({ limits: { 'nvidia.com/gpu': '1' } })] }, [node('cpu-only'), node('gpu', { allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'nvidia.com/gpu': '2' } })]);
    assert.deepEqual(results(r), { 'cpu-only': 'not-scheduled', gpu: 'scheduled' });
    assert.deepEqual(reasonsOf(r, 'cpu-only'), ['insufficient nvidia.com/gpu: requests 1, allocatable 0']);
  });
  test('a node with no room for pods', () => {
    assert.deepEqual(place('Job', {}, [node('full', { allocatable: { cpu: '4', pods: '0' } })]).nodes[0].reasons, ['too many pods: allocatable pods 0']);
  });
  test('a node without status.allocatable is not checked, with a warning', () => {
    const r = place('Job', { containers: [container({ requests: { cpu: '64' } })] }, [node('hand-written', { allocatable: undefined })]);
    assert.equal(r.nodes[0].result, 'scheduled');
    assert.match(r.warnings.join(), /resource fit not checked on 1 node/);
  });
  test('quantities in millis, rounded up', () => {
    assert.equal(quantityMilli('0.1'), 100n);
    assert.equal(quantityMilli('1Ki'), 1024000n);
    assert.equal(quantityMilli('1n'), 1n);
    assert.equal(quantityMilli('1e3'), 1000000n);
    assert.equal(quantityMilli('bogus'), undefined);
  });
});

describe('nodes from documents', () => {
  test('Node documents, a NodeList and kubectl get nodes -o yaml', () => {
    const text = `apiVersion: v1\nkind: Node\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: NodeList\nitems:\n- metadata:\n    name: two\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: three\n    labels: {zone: "1"}\n  spec:\n    taints:\n    - key: k\n      value: v\n      effect: NoExecute\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: not-a-node\n`;
    const set = nodesFromFile(parseWorkloadFile(text), 'nodes.yaml');
    assert.deepEqual(set.nodes.map((n) => n.name), ['one', 'two', 'three']);
    assert.deepEqual(set.nodes[2].taints, [{ key: 'k', value: 'v', effect: 'NoExecute' }]);
    assert.deepEqual(set.warnings, []);
  });
  test('bad input gives clear messages, never a crash', () => {
    const objects = parse(`kind: List\nitems:\n- kind: Node\n  metadata: {}\n- kind: Node\n  metadata: {name: dup}\n- kind: Node\n  metadata: {name: dup}\n- kind: Node\n  metadata: {name: bad-taints}\n  spec:\n    taints:\n    - {key: a, effect: Sometimes}\n    - just-a-string\n    - {effect: NoSchedule}\n    - 42\n    - {key: ok, effect: NoSchedule}\n- kind: Node\n  metadata: {name: weird, labels: [1, 2]}\n  spec: {taints: nope}\n`);
    const set = nodesFromObjects([objects], 'bad.yaml');
    assert.deepEqual(set.nodes.map((n) => n.name), ['dup', 'bad-taints', 'weird']);
    assert.deepEqual(set.nodes[1].taints, [{ key: 'ok', value: undefined, effect: 'NoSchedule' }]);
    const w = set.warnings.join('\n');
    assert.match(w, /items\[0\] has no metadata.name; skipped/);
    assert.match(w, /node "dup" is defined more than once/);
    assert.match(w, /spec.taints\[0\] ignored: effect "Sometimes" is not one of NoSchedule, PreferNoSchedule, NoExecute/);
    assert.match(w, /spec.taints\[1\] ignored: "just-a-string" is not key\[=value\]:Effect/);
    assert.match(w, /spec.taints\[2\] ignored: it has no key/);
    assert.match(w, /spec.taints\[3\] ignored: not a mapping/);
    assert.match(w, /metadata.labels is not a mapping/);
    assert.match(w, /spec.taints is not a list/);
  });
  test('kubectl get nodes -o json', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Node', metadata: { name: 'j1' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } }] });
    const set = nodesFromText(json, 'nodes.json');
    assert.deepEqual(set.nodes.map((n) => [n.name, n.taints.length]), [['j1', 1]]);
    assert.deepEqual(nodesFromText('{kind: Node, metadata: {name: flow}}', 'flow.yaml').nodes.map((n) => n.name), ['flow']);
  });
  test('an alias bomb in a node file is refused, not expanded', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nkind: Node\n';
    const set = nodesFromFile(parseWorkloadFile(bomb), 'bomb.yaml');
    assert.equal(set.nodes.length, 0);
    assert.match(set.warnings.join(), /could not be read as data/);
  });
});

describe('what-if', () => {
  const nodes = [node('a'), node('b', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })];
  test('add a toleration', () => {
    const r = place('Job', {}, nodes, { addTolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] });
    assert.equal(r.counts.scheduled, 2);
    assert.match(r.nodes[1].notes.join(), /tolerated by the what-if toleration/);
  });
  test('remove a node taint, on one node or everywhere', () => {
    assert.equal(place('Job', {}, nodes, { removeTaints: [{ node: 'b', key: 'dedicated' }] }).counts.scheduled, 2);
    assert.equal(place('Job', {}, nodes, { removeTaints: [{ node: '*', key: 'dedicated', effect: 'NoSchedule' }] }).counts.scheduled, 2);
    assert.equal(place('Job', {}, nodes, { removeTaints: [{ node: 'b', key: 'dedicated', effect: 'NoExecute' }] }).counts.scheduled, 1);
  });
  test('add a taint (object or kubectl text), bad text is a warning', () => {
    assert.deepEqual(results(place('Job', {}, nodes, { addTaints: [{ node: 'a', taint: { key: 'x', effect: 'NoExecute' } }] })), { a: 'not-scheduled', b: 'not-scheduled' });
    assert.deepEqual(place('Job', {}, nodes, { addTaints: [{ node: '*', taint: 'x=y:NoSchedule' }] }).nodes[0].reasons, ['taint x=y:NoSchedule not tolerated']);
    assert.match(place('Job', {}, nodes, { addTaints: [{ node: 'a', taint: 'x:Never' }] }).warnings.join(), /what-if taint for a ignored/);
  });
  test('template tolerations carry their real field path (DaemonSet, Job, CronJob)', () => {
    const nodes = [node('a', { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] })];
    const tol = { tolerations: [{ key: 'dedicated', operator: 'Exists' }] };
    for (const [kind, path] of [['DaemonSet', 'spec.template.spec.tolerations[0]'], ['Job', 'spec.template.spec.tolerations[0]'], ['CronJob', 'spec.jobTemplate.spec.template.spec.tolerations[0]']] as const) {
      const r = place(kind, tol, nodes);
      assert.equal(r.tolerations[0].path, path, kind);
      assert.deepEqual(r.nodes[0].notes, [`taint dedicated:NoSchedule tolerated by ${path}`], kind);
    }
  });
  test('a toleration that is not a mapping is named by its real path', () => {
    assert.match(place('CronJob', { tolerations: ['x'] }, nodes).warnings.join(), /spec\.jobTemplate\.spec\.template\.spec\.tolerations\[0\] is not a mapping/);
    assert.match(place('DaemonSet', { tolerations: 'x' }, nodes).warnings.join(), /spec\.template\.spec\.tolerations is not a list/);
  });
  test('removed template tolerations are listed as removed', () => {
    const r = place('Job', { tolerations: [{ key: 'dedicated', operator: 'Exists' }] }, nodes, { removeTolerations: [0] });
    assert.equal(r.tolerations[0].removed, true);
    assert.equal(r.counts.scheduled, 1);
  });
});

describe('what placement leaves out says so', () => {
  test('preferred affinity, hostPorts and pod-level resources are named in warnings', () => {
    const r = place('Job', {
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } },
      containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 80 }] }],
      resources: { requests: { cpu: '1' } },
    }, [node('n')]);
    const w = r.warnings.join('\n');
    assert.match(w, /preferred node affinity only ranks nodes/);
    assert.match(w, /hostPort conflicts/);
    assert.match(w, /pod-level spec.resources/);
    assert.deepEqual(r.requests, { cpu: '1' });
  });
  test('a generateName workload', () => {
    assert.equal(podTemplateOf({ kind: 'Job', metadata: { generateName: 'pi-' }, spec: { template: { spec: {} } } })!.name, 'pi-<random>');
  });
});

describe('scale', () => {
  test('5,000 nodes with varied taints and labels', () => {
    const nodes: NodeInfo[] = [];
    for (let i = 0; i < 5000; i++) {
      nodes.push(node(`n${i}`, {
        labels: { zone: `z${i % 3}`, disktype: i % 2 ? 'ssd' : 'hdd' },
        taints: i % 10 === 0 ? [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] : [],
        unschedulable: i % 97 === 0,
      }));
    }
    const r = place('DaemonSet', { nodeSelector: { disktype: 'ssd' } }, nodes);
    assert.equal(r.nodes.length, 5000);
    assert.equal(r.counts.scheduled, 2500);
  });
});
