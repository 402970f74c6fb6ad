/** The taint effects Kubernetes knows; anything else in a node file is reported and ignored. */
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
}

export interface Toleration {
  key?: string;
  /** Empty means Equal. */
  operator?: string;
  value?: string;
  /** Empty means every effect. */
  effect?: string;
  tolerationSeconds?: number;
}

/** A node as placement sees it: what the DaemonSet controller and the scheduler filters read. */
export interface NodeInfo {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  /** spec.unschedulable: a cordoned node. */
  unschedulable: boolean;
  /** status.allocatable as written (quantities); undefined when the node document has no status. */
  allocatable?: Record<string, string>;
  /** Where this node came from (file name, "default kind cluster"…). */
  source?: string;
  /** What already runs there (nodes read from a live cluster); without it the node counts as empty. */
  inUse?: NodeUsage;
}

/** A host port a pod holds on its node (the scheduler's NodePorts filter). */
export interface HostPort {
  port: number;
  /** TCP, UDP or SCTP. */
  protocol: string;
  /** 0.0.0.0 when the pod sets none. */
  hostIP: string;
}

/** The non-terminated pods bound to a node, summed as the scheduler's NodeInfo does. */
export interface NodeUsage {
  /** Summed requests (kubectl quantities). */
  requests: Record<string, string>;
  pods: number;
  hostPorts: HostPort[];
}

export type PlacementResult = 'scheduled' | 'not-scheduled' | 'pending';

export interface NodePlacement {
  node: string;
  /** Roles as kubectl prints them (from node-role.kubernetes.io/* labels), or "<none>". */
  role: string;
  /** kubectl style: key=value:Effect. */
  taints: string[];
  /** The node's labels that the pod's selectors read, plus its role labels. */
  labels: Record<string, string>;
  cordoned: boolean;
  result: PlacementResult;
  /** Why the pod is not there or not running (empty for scheduled). */
  reasons: string[];
  /** Facts worth knowing even when the pod lands (tolerated taints, skipped checks). */
  notes: string[];
}

export interface PlacementCounts {
  nodes: number;
  scheduled: number;
  notScheduled: number;
  pending: number;
}

/**
 * How pods reach nodes: `daemon` — the DaemonSet controller picks nodes (adding its own
 * tolerations) and the scheduler then binds each pod; `scheduler` — one pod, any feasible node.
 */
export type PlacementMode = 'daemon' | 'scheduler';

export interface WhatIf {
  /** Tolerations added to the pod template. */
  addTolerations?: Toleration[];
  /** Indices into the template's own spec.tolerations to leave out. */
  removeTolerations?: number[];
  /** Taints added to a node ("*" for every node); a string is kubectl's key[=value]:Effect. */
  addTaints?: Array<{ node: string; taint: Taint | string }>;
  /** Taints removed from a node ("*" for every node), matched by key and (when given) effect. */
  removeTaints?: Array<{ node: string; key: string; effect?: string }>;
}

export interface PlacementReport {
  /** "<kind>/<name>". */
  workload: string;
  kind: string;
  mode: PlacementMode;
  nodes: NodePlacement[];
  counts: PlacementCounts;
  /** One sentence on the whole outcome. */
  summary: string;
  /** The tolerations in effect (template's, then what-if additions, then the controller's). */
  tolerations: Array<Toleration & {
    origin: 'template' | 'what-if' | 'daemonset-controller';
    /** For a template toleration: its index in the pod spec's tolerations list. */
    index?: number;
    /** For a template toleration: its field path in the manifest, e.g. spec.template.spec.tolerations[0]. */
    path?: string;
    removed?: boolean;
  }>;
  /** The pod's effective requests (kubectl quantities), empty when it requests nothing. */
  requests: Record<string, string>;
  warnings: string[];
}
