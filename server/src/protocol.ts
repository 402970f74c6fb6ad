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
}
export type PlacementResponse =
  | (import('./core/placement/types').PlacementReport & { error?: undefined; uri: string; /** Where the nodes came from. */ nodeSources: string[] })
  | { error: string };

/** Job pods over time, or the Jobs a CronJob creates over the next hours. */
export const SimulateRequest = 'workloadLens/simulate';
export interface SimulateParams {
  uri: string;
  position: LspPosition;
  podDurationSeconds?: number;
  failureRate?: number;
  /** CronJob only: how long each Job runs (default: the simulated Job). */
  runDurationSeconds?: number;
  /** CronJob only: the window, in hours (default 3). */
  hours?: number;
  /** CronJob only: the window's start, ISO 8601 (default: now). */
  from?: string;
}
export type SimulateResponse =
  | { error?: undefined; kind: 'Job'; name: string; job: import('./core/simulate/job').JobTimeline }
  | { error?: undefined; kind: 'CronJob'; name: string; cron: import('./core/simulate/cronjob').CronTimeline }
  | { error: string };
