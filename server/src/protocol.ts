/**
 * Custom LSP requests of Workload Lens, declared once and shared by the server and every client
 * (the VS Code client imports this file; other editors can send the same method names).
 * Each entry: the method name, its params and its result type.
 */
export {};

// ---- Placement and run simulation (Workload Lens: Simulate Pod Placement) ----

export interface LspPosition {
  line: number;
  character: number;
}

/** Where the pods of the workload under the cursor go, node by node. */
export const PlacementRequest = 'workloadLens/placement';
export interface PlacementParams {
  uri: string;
  position: LspPosition;
  /** A nodes file (Node / NodeList / `kubectl get nodes -o yaml`); overrides workloadLens.placement.nodesFile. */
  nodesFile?: string;
  whatIf?: import('./core/placement/types').WhatIf;
  /** `cluster`: the connected cluster's nodes with what runs on them (needs a connection). */
  nodesFrom?: 'files' | 'cluster';
  /** Target Kubernetes minor (31 for 1.31); default: the workloadLens.kubernetesVersion setting. */
  kubernetesMinor?: number;
}
export type PlacementResponse =
  | (import('./core/placement/types').PlacementReport & {
      error?: undefined;
      uri: string;
      /** Where the nodes came from. */
      nodeSources: string[];
      /** The connected cluster, when there is one (the panel offers its nodes). */
      cluster?: { context: string; label: string };
    })
  | { error: string };

/** Job pods over time, or the Jobs a CronJob creates over the next hours. */
export const SimulateRequest = 'workloadLens/simulate';
export interface SimulateParams {
  uri: string;
  position: LspPosition;
  /** Nodes used to tell whether the pods can be scheduled at all (as in PlacementParams). */
  nodesFile?: string;
  /** `cluster`: tell it with the connected cluster's nodes (as in PlacementParams). */
  nodesFrom?: 'files' | 'cluster';
  podDurationSeconds?: number;
  failureRate?: number;
  /** CronJob only: how long each Job runs (default: the simulated Job). */
  runDurationSeconds?: number;
  /** CronJob only: the window, in hours (default 3). */
  hours?: number;
  /** CronJob only: the window's start, ISO 8601 (default: now). */
  from?: string;
  /** Target Kubernetes minor (31 for 1.31); default: the workloadLens.kubernetesVersion setting. */
  kubernetesMinor?: number;
}
export type SimulateResponse =
  | { error?: undefined; kind: 'Job'; name: string; job: import('./core/simulate/job').JobTimeline }
  | { error?: undefined; kind: 'CronJob'; name: string; cron: import('./core/simulate/cronjob').CronTimeline }
  | { error: string };

// ---- Cron preview (Workload Lens: Preview CronJob Runs; the code lens above `schedule:`) ----

/** The command the code lens runs; arguments: (uri: string, position: LspPosition). */
export const PreviewCronRunsCommand = 'workloadLens.previewCronRuns';

/** The next runs of a CronJob (the one at uri+position) or of a bare schedule, as the controller computes them. */
export const CronPreviewRequest = 'workloadLens/cronPreview';
export interface CronPreviewParams {
  /** A CronJob in an open document: the one holding `position`. */
  uri?: string;
  position?: LspPosition;
  /** Or a schedule given directly (used when uri/position are absent). */
  schedule?: string;
  timeZone?: string;
  /** How many runs (default: the workloadLens.cron.previewCount setting, 10). */
  count?: number;
  /** Runs strictly after this ISO-8601 instant (default: now). */
  from?: string;
}
/** Runs in timeZone/UTC/local with ISO instants, gaps, DST notes, field meanings, policy notes; or `error`. */
export type CronPreviewResponse = import('./core/cron/preview').CronPreviewData & {
  /** metadata.name of the CronJob, when previewing one from a document. */
  name?: string;
  /** The instant the runs are counted from, ISO-8601. */
  from: string;
};

// ---- Cluster (opt-in: workloadLens.cluster.enable, or Workload Lens: Connect to Cluster…) ----

/** The contexts of the kubeconfig (reads files only, sends nothing). */
export const ClusterContextsRequest = 'workloadLens/clusterContexts';
export interface ClusterContextsParams {
  /** Default: workloadLens.cluster.kubeconfig, else KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
}
export type ClusterContextsResponse =
  | { error?: undefined; files: string[]; currentContext: string; contexts: Array<{ name: string; cluster: string; user: string; namespace?: string; server?: string }> }
  | { error: string };

/** Connects to a context (GET /version); the answer is also pushed as ClusterStatusNotification. */
export const ClusterConnectRequest = 'workloadLens/clusterConnect';
export interface ClusterConnectParams {
  /** Default: workloadLens.cluster.context, else the kubeconfig's current context. */
  context?: string;
  kubeconfig?: string;
}

/** The connection as the status bar shows it. */
export const ClusterStatusNotification = 'workloadLens/clusterStatus';
export interface ClusterStatus {
  connected: boolean;
  context?: string;
  server?: string;
  /** The server's gitVersion, e.g. v1.34.9; and its minor, e.g. 34. */
  version?: string;
  minor?: number;
  /** "context · v1.34.9". */
  label?: string;
  /** Why the last connection attempt failed, in one sentence. */
  error?: string;
  /** With workloadLens.kubernetesVersion "auto": the target version in effect ("1.34"; the default while not connected). */
  autoVersion?: string;
}

/** Server-side dry run of every DaemonSet, Job and CronJob of a document; findings become `cluster-dry-run` diagnostics. */
export const ClusterDryRunRequest = 'workloadLens/clusterDryRun';
export interface ClusterDryRunParams {
  uri: string;
}
export interface ClusterDryRunResponse {
  /** Set when nothing could be asked (not connected, no workloads, unreachable…). */
  error?: string;
  context?: string;
  /** Objects dry-run, and the diagnostics the answers gave (errors among them). */
  objects: number;
  findings: number;
  errors: number;
  elapsedMs?: number;
}

// ---- Target Kubernetes version (Workload Lens: Set Kubernetes Version; the status bar item) ----

/** The Kubernetes versions Workload Lens knows, with one line each on what changes in it. */
export const KubernetesVersionsRequest = 'workloadLens/kubernetesVersions';
export type KubernetesVersionsParams = Record<string, never>;
export interface KubernetesVersionsResponse {
  /** The server's current target, e.g. "1.36". */
  current: string;
  versions: Array<{ version: string; changes: string }>;
}

/**
 * Client → server: the lines an editor shows of a document (0-based, inclusive), sent when they
 * change. A large file's first check starts with the documents in view and publishes their findings
 * before the rest; without it the top of the file is taken as in view.
 */
export const VisibleRangesNotification = 'workloadLens/visibleRanges';
export interface VisibleRangesParams {
  uri: string;
  ranges: Array<{ start: { line: number; character: number }; end: { line: number; character: number } }>;
}
