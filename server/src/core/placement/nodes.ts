import { TAINT_EFFECTS, type NodeInfo, type Taint, type TaintEffect } from './types';
import { isRecord } from './affinity';
import { docToObject } from './workload';
import { parseWorkloadFile } from '../model/workloadFile';

export interface NodeSet {
  nodes: NodeInfo[];
  warnings: string[];
}

/**
 * Reads nodes from plain objects: Node documents, NodeLists and `kubectl get nodes -o yaml`
 * output (kind List whose items are Nodes). Other objects are skipped silently. Nodes without a
 * name, later duplicates and malformed taints are reported in `warnings` and left out.
 */
export function nodesFromObjects(objects: readonly unknown[], source: string, into: NodeSet = { nodes: [], warnings: [] }, seen = new Set(into.nodes.map((n) => n.name))): NodeSet {
  let ordinal = 0;
  const take = (raw: unknown, where: string) => {
    ordinal++;
    const result = readNode(raw, `${source}: ${where}`, into.warnings);
    if (!result) return;
    if (seen.has(result.name)) {
      into.warnings.push(`${source}: node "${result.name}" is defined more than once; the first definition is used`);
      return;
    }
    seen.add(result.name);
    result.source = source;
    into.nodes.push(result);
  };
  for (const obj of objects) {
    if (!isRecord(obj)) continue;
    if (obj.kind === 'Node') take(obj, `Node #${ordinal + 1}`);
    else if ((obj.kind === 'NodeList' || obj.kind === 'List') && Array.isArray(obj.items)) {
      obj.items.forEach((item, i) => {
        if (isRecord(item) && (item.kind === 'Node' || (obj.kind === 'NodeList' && item.kind === undefined))) take(item, `items[${i}]`);
      });
    }
  }
  return into;
}

function readNode(raw: unknown, where: string, warnings: string[]): NodeInfo | undefined {
  if (!isRecord(raw)) return undefined;
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name.trim() : typeof metadata.name === 'number' ? String(metadata.name) : '';
  if (!name) {
    warnings.push(`${where} has no metadata.name; skipped`);
    return undefined;
  }
  const labels: Record<string, string> = {};
  if (isRecord(metadata.labels)) {
    for (const [k, v] of Object.entries(metadata.labels)) {
      if (v === null || typeof v === 'object') {
        warnings.push(`node "${name}": label ${k} has no text value; treated as ""`);
        labels[k] = '';
      } else labels[k] = String(v);
    }
  } else if (metadata.labels !== undefined && metadata.labels !== null) warnings.push(`node "${name}": metadata.labels is not a mapping; ignored`);
  const spec = isRecord(raw.spec) ? raw.spec : {};
  const taints: Taint[] = [];
  if (Array.isArray(spec.taints)) {
    spec.taints.forEach((t, i) => {
      const taint = readTaint(t);
      if (typeof taint === 'string') warnings.push(`node "${name}": spec.taints[${i}] ignored: ${taint}`);
      else taints.push(taint);
    });
  } else if (spec.taints !== undefined && spec.taints !== null) warnings.push(`node "${name}": spec.taints is not a list; ignored`);
  const status = isRecord(raw.status) ? raw.status : {};
  let allocatable: Record<string, string> | undefined;
  const source = isRecord(status.allocatable) ? status.allocatable : isRecord(status.capacity) ? status.capacity : undefined;
  if (source) {
    allocatable = {};
    for (const [k, v] of Object.entries(source)) if (typeof v === 'string' || typeof v === 'number') allocatable[k] = String(v);
  }
  return { name, labels, taints, unschedulable: spec.unschedulable === true, allocatable };
}

/** A taint from YAML, or why it cannot be one. */
export function readTaint(raw: unknown): Taint | string {
  if (typeof raw === 'string') return parseTaint(raw);
  if (!isRecord(raw)) return 'not a mapping with key and effect';
  const key = typeof raw.key === 'string' ? raw.key : '';
  if (!key) return 'it has no key';
  const effect = raw.effect;
  if (typeof effect !== 'string' || !(TAINT_EFFECTS as readonly string[]).includes(effect)) return `effect ${JSON.stringify(effect ?? null)} is not one of ${TAINT_EFFECTS.join(', ')}`;
  const value = raw.value === undefined || raw.value === null ? undefined : String(raw.value);
  return { key, value: value || undefined, effect: effect as TaintEffect };
}

/** Parses kubectl's taint notation `key[=value]:Effect`. */
export function parseTaint(text: string): Taint | string {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return `"${text}" is not key[=value]:Effect`;
  const effect = text.slice(colon + 1);
  if (!(TAINT_EFFECTS as readonly string[]).includes(effect)) return `effect "${effect}" is not one of ${TAINT_EFFECTS.join(', ')}`;
  const head = text.slice(0, colon);
  const eq = head.indexOf('=');
  const key = eq < 0 ? head : head.slice(0, eq);
  const value = eq < 0 ? undefined : head.slice(eq + 1);
  if (!key) return `"${text}" has no key`;
  return { key, value: value || undefined, effect: effect as TaintEffect };
}

/** kubectl's ROLES column: node-role.kubernetes.io/<role> labels and the old kubernetes.io/role label. */
export function nodeRoles(labels: Record<string, string>): string {
  const roles = new Set<string>();
  for (const key of Object.keys(labels)) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    }
  }
  if (labels['kubernetes.io/role']) roles.add(labels['kubernetes.io/role']);
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

export const DEFAULT_CLUSTER_NAME = 'kind cluster my-second-cluster (the lesson, v1.31.4)';

function kindNode(name: string, controlPlane: boolean): NodeInfo {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return {
    name,
    labels,
    taints: controlPlane ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [],
    unschedulable: false,
    allocatable: { cpu: '8', 'ephemeral-storage': '263112772Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16302896Ki', pods: '110' },
    source: DEFAULT_CLUSTER_NAME,
  };
}

/** The lesson's three-node kind cluster: a tainted control-plane node and two workers (Kubernetes v1.31.4). */
export function defaultCluster(): NodeInfo[] {
  return [kindNode('my-second-cluster-control-plane', true), kindNode('my-second-cluster-worker', false), kindNode('my-second-cluster-worker2', false)];
}

/** Nodes from a YAML text (a nodes file, an open document). */
export function nodesFromFile(file: import('../model/workloadFile').WorkloadFile, source: string, into?: NodeSet, seen?: Set<string>): NodeSet {
  const objects: unknown[] = [];
  for (const placed of file.docs) {
    const { value, error } = docToObject(placed.doc);
    if (error) (into ?? (into = { nodes: [], warnings: [] })).warnings.push(`${source}: ${error}`);
    else if (value !== undefined && value !== null) objects.push(value);
  }
  return nodesFromObjects(objects, source, into, seen);
}

/** A cheap test before parsing: does this text hold a Node, a NodeList or a List? */
export function mayHoldNodes(text: string): boolean {
  return /^[ \t]*kind:[ \t]*["']?(Node|NodeList|List)["']?[ \t]*(#.*)?$/m.test(text);
}

/**
 * Nodes from the text of a nodes file: JSON (`kubectl get nodes -o json`, read fast) or YAML
 * (Node documents, a NodeList, `kubectl get nodes -o yaml`).
 */
export function nodesFromText(text: string, source: string, into?: NodeSet, seen?: Set<string>): NodeSet {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(text);
      return nodesFromObjects(Array.isArray(value) ? value : [value], source, into, seen);
    } catch {
      // Not JSON after all (YAML flow style): read it as YAML.
    }
  }
  return nodesFromFile(parseWorkloadFile(text), source, into, seen);
}
