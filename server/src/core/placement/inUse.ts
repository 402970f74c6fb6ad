import { nodesFromObjects } from './nodes';
import { isRecord } from './affinity';
import { formatAmounts, podRequests, type ResourceAmounts } from './resources';
import type { HostPort, NodeUsage } from './types';

/**
 * What runs on each node, from Pod objects (a live cluster's non-terminated pods): per node the sum
 * of the pods' requests, their count and their host ports, as the scheduler's NodeInfo adds them up
 * (mirrors pkg/scheduler/framework NodeInfo.AddPod: requests as PodRequests, ports of the containers).
 * Pods not bound to a node (spec.nodeName empty) and finished pods (Succeeded, Failed) are left out.
 */
export function podUsage(pods: readonly unknown[]): Map<string, NodeUsage> {
  const sums = new Map<string, { requests: ResourceAmounts; pods: number; hostPorts: HostPort[] }>();
  for (const pod of pods) {
    if (!isRecord(pod) || !isRecord(pod.spec)) continue;
    const node = pod.spec.nodeName;
    if (typeof node !== 'string' || !node) continue;
    const phase = isRecord(pod.status) ? pod.status.phase : undefined;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    let sum = sums.get(node);
    if (!sum) sums.set(node, (sum = { requests: new Map(), pods: 0, hostPorts: [] }));
    sum.pods++;
    for (const [k, v] of podRequests(pod.spec)) sum.requests.set(k, (sum.requests.get(k) ?? 0n) + v);
    sum.hostPorts.push(...hostPortsOf(pod.spec));
  }
  const out = new Map<string, NodeUsage>();
  for (const [node, s] of sums) out.set(node, { requests: formatAmounts(s.requests), pods: s.pods, hostPorts: s.hostPorts });
  return out;
}

/** The host ports a pod spec asks for: its containers' ports with a hostPort (mirrors nodeports getContainerPorts). */
export function hostPortsOf(spec: Record<string, unknown>): HostPort[] {
  const out: HostPort[] = [];
  for (const list of [spec.containers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isRecord(c) || !Array.isArray(c.ports)) continue;
      for (const p of c.ports) {
        if (!isRecord(p)) continue;
        const port = typeof p.hostPort === 'number' ? p.hostPort : Number(p.hostPort);
        if (!Number.isInteger(port) || port <= 0) continue;
        out.push({ port, protocol: typeof p.protocol === 'string' && p.protocol ? p.protocol : 'TCP', hostIP: typeof p.hostIP === 'string' && p.hostIP ? p.hostIP : '0.0.0.0' });
      }
    }
  }
  return out;
}

/** NodePorts' conflict test (schedutil HostPortInfo.CheckConflict): same port and protocol, and the same IP or either side on 0.0.0.0. */
export function hostPortConflicts(wanted: readonly HostPort[], used: readonly HostPort[]): HostPort[] {
  return wanted.filter((w) => used.some((u) => u.port === w.port && u.protocol === w.protocol && (u.hostIP === w.hostIP || u.hostIP === '0.0.0.0' || w.hostIP === '0.0.0.0')));
}

/** Nodes read from a live cluster: its Node objects, each with what its pods already use. */
export function clusterNodes(nodeObjects: readonly unknown[], pods: readonly unknown[], source: string): import('./nodes').NodeSet {
  const set = nodesFromObjects(nodeObjects, source);
  const usage = podUsage(pods);
  for (const node of set.nodes) node.inUse = usage.get(node.name) ?? { requests: {}, pods: 0, hostPorts: [] };
  return set;
}
