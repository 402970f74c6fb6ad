import { compileNodeSelection, dig, isRecord } from './affinity';
import { DEFAULT_MINOR } from '../versions';
import { templateForTarget } from './target';
import { nodeRoles, readTaint } from './nodes';
import { formatAmounts, parseAllocatable, podRequests, resourceMisfits, type ResourceAmounts, type UsedAmounts } from './resources';
import { hostPortConflicts, hostPortsOf } from './inUse';
import { daemonTolerations, formatTaint, formatToleration, sameToleration, TAINT_UNSCHEDULABLE, toleratingIndex } from './taints';
import type { NodeInfo, NodePlacement, PlacementCounts, PlacementReport, PlacementResult, Taint, Toleration, WhatIf } from './types';
import type { PodTemplateRef } from './workload';

type Origin = 'template' | 'what-if' | 'daemonset-controller';
interface ActiveToleration extends Toleration {
  origin: Origin;
  index?: number;
  /** The template toleration's field path in the manifest, e.g. spec.template.spec.tolerations[0]. */
  path?: string;
}

const allocatableCache = new WeakMap<Record<string, string>, ResourceAmounts>();

function allocatableOf(node: NodeInfo): ResourceAmounts | undefined {
  if (!node.allocatable) return undefined;
  let parsed = allocatableCache.get(node.allocatable);
  if (!parsed) allocatableCache.set(node.allocatable, (parsed = parseAllocatable(node.allocatable)));
  return parsed;
}

const usedCache = new WeakMap<object, UsedAmounts>();

function usedOf(node: NodeInfo): UsedAmounts | undefined {
  if (!node.inUse) return undefined;
  let parsed = usedCache.get(node.inUse);
  if (!parsed) usedCache.set(node.inUse, (parsed = { requests: parseAllocatable(node.inUse.requests), pods: node.inUse.pods }));
  return parsed;
}

function readTolerations(spec: Record<string, unknown>, specPath: string, warnings: string[]): Toleration[] {
  if (spec.tolerations === undefined || spec.tolerations === null) return [];
  if (!Array.isArray(spec.tolerations)) {
    warnings.push(`${specPath}.tolerations is not a list; ignored`);
    return [];
  }
  return spec.tolerations.map((raw, i) => {
    if (!isRecord(raw)) {
      warnings.push(`${specPath}.tolerations[${i}] is not a mapping; it tolerates nothing`);
      return { key: '(not a mapping)', operator: 'Equal', value: '\u0000', effect: '\u0000' };
    }
    const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
    return { key: text(raw.key), operator: text(raw.operator), value: text(raw.value), effect: text(raw.effect), tolerationSeconds: typeof raw.tolerationSeconds === 'number' ? raw.tolerationSeconds : undefined };
  });
}

function originText(t: ActiveToleration): string {
  if (t.origin === 'template') return t.path ?? `tolerations[${t.index}]`;
  if (t.origin === 'what-if') return 'the what-if toleration';
  return "the DaemonSet controller's toleration";
}

/**
 * Where the pods of one pod template go on the given nodes.
 *
 * DaemonSet (mode `daemon`), as pkg/controller/daemon does it: spec.nodeName, then nodeSelector and
 * required node affinity, then NoSchedule/NoExecute taints against the template's tolerations plus
 * the ones the controller adds. A node that passes gets a pod; the scheduler then binds it, and a
 * pod that does not fit the node's allocatable stays Pending. Cordoned nodes still get daemon pods
 * (the controller tolerates node.kubernetes.io/unschedulable).
 *
 * Everything else (mode `scheduler`): the scheduler's filters NodeUnschedulable, NodeAffinity,
 * TaintToleration and NodeResourcesFit, without the daemon tolerations; or, with spec.nodeName, the
 * kubelet's admission checks on that node only.
 */
export function placePod(template: PodTemplateRef, nodes: readonly NodeInfo[], whatIf: WhatIf = {}, kubernetesMinor: number = DEFAULT_MINOR): PlacementReport {
  // The pod as the target's API server stores it: a dropped sidecar is a plain init container.
  const target = templateForTarget(template, kubernetesMinor);
  template = target.template;
  const warnings: string[] = [...target.warnings];
  const spec = template.spec;
  const own = readTolerations(spec, template.path, warnings);
  const removed = new Set(whatIf.removeTolerations ?? []);
  const active: ActiveToleration[] = [];
  const listed: PlacementReport['tolerations'] = [];
  own.forEach((t, index) => {
    const path = `${template.path}.tolerations[${index}]`;
    listed.push({ ...t, origin: 'template', index, path, removed: removed.has(index) || undefined });
    if (!removed.has(index)) active.push({ ...t, origin: 'template', index, path });
  });
  for (const t of whatIf.addTolerations ?? []) {
    active.push({ ...t, origin: 'what-if' });
    listed.push({ ...t, origin: 'what-if' });
  }
  const daemon = template.mode === 'daemon';
  if (daemon) {
    for (const t of daemonTolerations(spec.hostNetwork === true)) {
      if (active.some((a) => sameToleration(a, t))) continue;
      active.push({ ...t, origin: 'daemonset-controller' });
      listed.push({ ...t, origin: 'daemonset-controller' });
    }
  }

  const selection = compileNodeSelection(spec);
  warnings.push(...selection.warnings);
  const requests = podRequests(spec, warnings);
  const nodeName = typeof spec.nodeName === 'string' && spec.nodeName ? spec.nodeName : undefined;
  if (nodeName && !nodes.some((n) => n.name === nodeName)) warnings.push(`spec.nodeName "${nodeName}" names no known node: the pod would be bound to a node that does not exist`);

  if (dig(spec, ['affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution']) !== undefined) warnings.push('preferred node affinity only ranks nodes; it never keeps a pod off one, so it is not shown here');
  if (isRecord(spec.resources) && isRecord(spec.resources.requests)) warnings.push('pod-level spec.resources (PodLevelResources, beta since 1.34) replace the containers\' cpu/memory requests here; older clusters reject the field');
  const containersWithHostPorts = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])].some((c) => isRecord(c) && Array.isArray(c.ports) && c.ports.some((p) => isRecord(p) && p.hostPort !== undefined));
  const wantedPorts = hostPortsOf(spec);
  if (containersWithHostPorts && !nodes.some((n) => n.inUse)) warnings.push('hostPort conflicts with other pods are not checked: nodes are taken as empty');
  const taintEdits = compileTaintEdits(whatIf, warnings);
  const unschedulableToleration = toleratingIndex(active, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  const missingAllocatable: string[] = [];

  const placements: NodePlacement[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const taints = taintEdits ? taintEdits(node) : node.taints;
    const reasons: string[] = [];
    const notes: string[] = [];
    let result: PlacementResult = 'scheduled';
    const labels: Record<string, string> = {};
    for (const key of Object.keys(node.labels)) if (selection.keys.has(key) || key.startsWith('node-role.kubernetes.io/')) labels[key] = node.labels[key];

    const checkTaints = (effects: (effect: string) => boolean): { blocking: Taint[] } => {
      const blocking: Taint[] = [];
      for (const taint of taints) {
        const at = toleratingIndex(active, taint);
        if (taint.effect === 'PreferNoSchedule') {
          if (at < 0) notes.push(`taint ${formatTaint(taint)} is only a preference: the scheduler avoids the node if it can`);
          continue;
        }
        if (!effects(taint.effect)) {
          if (at < 0) notes.push(`taint ${formatTaint(taint)} is not checked here`);
          continue;
        }
        if (at < 0) {
          blocking.push(taint);
          reasons.push(`taint ${formatTaint(taint)} not tolerated`);
        } else notes.push(`taint ${formatTaint(taint)} tolerated by ${originText(active[at])}`);
      }
      return { blocking };
    };
    const checkResources = (prefix: string): string[] => {
      const misfits: string[] = [];
      // mirrors the scheduler's NodePorts filter (fitsPorts), on nodes whose pods are known
      if (node.inUse && wantedPorts.length) {
        const taken = hostPortConflicts(wantedPorts, node.inUse.hostPorts);
        if (taken.length) misfits.push(`node(s) didn't have free ports for the requested pod ports: ${taken.map((p) => `${p.port}/${p.protocol}`).join(', ')} in use`);
      }
      const alloc = allocatableOf(node);
      if (!alloc) {
        if (requests.size > 0) missingAllocatable.push(node.name);
        notes.push('resource fit not checked: the node has no status.allocatable');
      } else misfits.push(...resourceMisfits(requests, alloc, usedOf(node)));
      return misfits.map((r) => prefix + r);
    };

    if (nodeName && nodeName !== node.name) {
      result = 'not-scheduled';
      reasons.push(`spec.nodeName is ${nodeName}`);
    } else if (daemon) {
      reasons.push(...selection.reasons(node));
      if (reasons.length === 0) {
        const { blocking } = checkTaints((e) => e === 'NoSchedule' || e === 'NoExecute');
        if (blocking.length && blocking.every((t) => t.effect === 'NoSchedule')) notes.push('a daemon pod already running there keeps running: only NoSchedule taints are untolerated');
      }
      if (reasons.length) result = 'not-scheduled';
      else {
        if (node.unschedulable) notes.push(`the node is cordoned; ${unschedulableToleration >= 0 ? `${originText(active[unschedulableToleration])} for ${TAINT_UNSCHEDULABLE} lets the daemon pod in` : 'the pod does not tolerate it'}`);
        if (nodeName) {
          const misfits = checkResources('the kubelet rejects the pod (spec.nodeName skips the scheduler): ');
          if (misfits.length) {
            result = 'not-scheduled';
            reasons.push(...misfits);
          }
        } else {
          const misfits = checkResources('');
          if (misfits.length) {
            result = 'pending';
            reasons.push(...misfits);
          }
        }
      }
    } else if (nodeName) {
      notes.push('spec.nodeName skips the scheduler: NoSchedule taints and cordons are not checked, the kubelet admits the pod');
      reasons.push(...selection.reasons(node));
      checkTaints((e) => e === 'NoExecute');
      reasons.push(...checkResources('the kubelet rejects the pod: '));
      if (reasons.length) result = 'not-scheduled';
    } else {
      if (node.unschedulable) {
        if (unschedulableToleration < 0) reasons.push('node is cordoned (spec.unschedulable: true)');
        else notes.push(`the node is cordoned; ${originText(active[unschedulableToleration])} tolerates ${TAINT_UNSCHEDULABLE}`);
      }
      reasons.push(...selection.reasons(node));
      checkTaints((e) => e === 'NoSchedule' || e === 'NoExecute');
      reasons.push(...checkResources(''));
      if (reasons.length) result = 'not-scheduled';
    }

    placements[i] = { node: node.name, role: nodeRoles(node.labels), taints: taints.map(formatTaint), labels, cordoned: node.unschedulable, result, reasons, notes };
  }
  if (missingAllocatable.length) {
    const shown = missingAllocatable.slice(0, 5).join(', ');
    warnings.push(`resource fit not checked on ${missingAllocatable.length} node(s) without status.allocatable (${shown}${missingAllocatable.length > 5 ? ', …' : ''})`);
  }

  const counts: PlacementCounts = { nodes: placements.length, scheduled: 0, notScheduled: 0, pending: 0 };
  for (const p of placements) {
    if (p.result === 'scheduled') counts.scheduled++;
    else if (p.result === 'pending') counts.pending++;
    else counts.notScheduled++;
  }
  return {
    workload: `${template.kind}/${template.name}`,
    kind: template.kind,
    mode: template.mode,
    nodes: placements,
    counts,
    summary: summarize(template, counts),
    tolerations: listed,
    requests: formatAmounts(requests),
    warnings,
  };
}

function summarize(template: PodTemplateRef, c: PlacementCounts): string {
  const n = `${c.nodes} node${c.nodes === 1 ? '' : 's'}`;
  if (c.nodes === 0) return 'There are no nodes to place pods on.';
  if (template.mode === 'daemon') {
    const parts = [`${template.name} runs a pod on ${c.scheduled} of ${n}`];
    if (c.pending) parts.push(`${c.pending} more pod${c.pending === 1 ? ' is' : 's are'} created but stay${c.pending === 1 ? 's' : ''} Pending (not enough resources)`);
    if (c.notScheduled) parts.push(`${c.notScheduled} node${c.notScheduled === 1 ? ' gets' : 's get'} no pod`);
    return parts.join('; ') + '.';
  }
  if (c.scheduled === 0) return `No node fits: a ${template.kind} pod would stay Pending on this cluster.`;
  return `The scheduler can place a ${template.kind} pod on ${c.scheduled} of ${n}${c.notScheduled ? `; ${c.notScheduled} ${c.notScheduled === 1 ? 'is' : 'are'} filtered out` : ''}.`;
}

function compileTaintEdits(whatIf: WhatIf, warnings: string[]): ((node: NodeInfo) => Taint[]) | undefined {
  const adds = (whatIf.addTaints ?? []).flatMap((a) => {
    const taint = readTaint(a.taint);
    if (typeof taint === 'string') {
      warnings.push(`what-if taint for ${a.node} ignored: ${taint}`);
      return [];
    }
    return [{ node: a.node, taint }];
  });
  const removes = whatIf.removeTaints ?? [];
  if (adds.length === 0 && removes.length === 0) return undefined;
  return (node) => {
    let list = node.taints;
    if (removes.length) list = list.filter((t) => !removes.some((r) => (r.node === '*' || r.node === node.name) && r.key === t.key && (!r.effect || r.effect === t.effect)));
    for (const a of adds) if (a.node === '*' || a.node === node.name) list = list.concat(a.taint);
    return list;
  };
}

export { formatToleration };
