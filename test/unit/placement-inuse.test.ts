import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { placePod, podTemplateOf } from '../../server/src/core/placement';
import { clusterNodes, hostPortConflicts, podUsage } from '../../server/src/core/placement/inUse';

const node = (name: string, cpu = '2', pods = '110') => ({ kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { allocatable: { cpu, memory: '4Gi', pods } } });
const pod = (nodeName: string | undefined, cpu: string, phase = 'Running', hostPort?: number) => ({
  metadata: { name: `p-${Math.random()}` },
  spec: { nodeName, containers: [{ name: 'c', resources: { requests: { cpu } }, ports: hostPort ? [{ containerPort: 80, hostPort }] : undefined }] },
  status: { phase },
});
const job = (cpu: string, hostPort?: number) => podTemplateOf({ kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x:1', resources: { requests: { cpu } }, ports: hostPort ? [{ containerPort: 8080, hostPort }] : undefined }] } } } })!;

describe('nodes with what already runs on them (from a cluster)', () => {
  test('podUsage sums requests, counts pods and host ports of bound, unfinished pods', () => {
    const usage = podUsage([pod('a', '500m'), pod('a', '1', 'Pending', 9100), pod('a', '4', 'Succeeded'), pod('b', '1', 'Failed'), pod(undefined, '8')]);
    assert.deepEqual(usage.get('a'), { requests: { cpu: '1500m' }, pods: 2, hostPorts: [{ port: 9100, protocol: 'TCP', hostIP: '0.0.0.0' }] });
    assert.equal(usage.has('b'), false);
  });

  test('"fits" counts the requests already on the node', () => {
    const set = clusterNodes([node('a'), node('b')], [pod('a', '1500m')], 'cluster test');
    const r = placePod(job('600m'), set.nodes);
    assert.deepEqual(r.nodes.map((n) => [n.node, n.result]), [['a', 'not-scheduled'], ['b', 'scheduled']]);
    assert.deepEqual(r.nodes[0].reasons, ['insufficient cpu: requests 600m, allocatable 2, 1500m already requested by the node\'s pods']);
    // the same nodes from a file (nothing known to run there): both fit
    const empty = placePod(job('600m'), set.nodes.map((n) => ({ ...n, inUse: undefined })));
    assert.equal(empty.counts.scheduled, 2);
  });

  test('a full node: allocatable pods reached', () => {
    const set = clusterNodes([node('a', '2', '2')], [pod('a', '0'), pod('a', '0')], 'cluster test');
    assert.deepEqual(placePod(job('0'), set.nodes).nodes[0].reasons, ['too many pods: allocatable pods 2, 2 running']);
  });

  test('host ports in use keep a pod off the node (NodePorts)', () => {
    const set = clusterNodes([node('a'), node('b')], [pod('a', '0', 'Running', 8080)], 'cluster test');
    const r = placePod(job('0', 8080), set.nodes);
    assert.deepEqual(r.nodes.map((n) => n.result), ['not-scheduled', 'scheduled']);
    assert.deepEqual(r.nodes[0].reasons, ["node(s) didn't have free ports for the requested pod ports: 8080/TCP in use"]);
    assert.ok(!r.warnings.some((w) => w.includes('hostPort conflicts')), 'no "not checked" warning when pods are known');
  });

  test('host port conflict rules: protocol and IP matter, 0.0.0.0 takes every IP', () => {
    const used = [{ port: 53, protocol: 'UDP', hostIP: '10.0.0.1' }];
    assert.equal(hostPortConflicts([{ port: 53, protocol: 'TCP', hostIP: '0.0.0.0' }], used).length, 0);
    assert.equal(hostPortConflicts([{ port: 53, protocol: 'UDP', hostIP: '10.0.0.2' }], used).length, 0);
    assert.equal(hostPortConflicts([{ port: 53, protocol: 'UDP', hostIP: '0.0.0.0' }], used).length, 1);
    assert.equal(hostPortConflicts([{ port: 53, protocol: 'UDP', hostIP: '10.0.0.1' }], used).length, 1);
  });
});
