import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature } from '../feature';
import type { Workspace } from '../workspace';
import type { WorkloadFile } from '../../core/model/workloadFile';
import { MAX_CHECKED_CHARS } from '../../core/model/limits';
import { defaultCluster, DEFAULT_CLUSTER_NAME, mayHoldNodes, nodesFromFile, nodesFromText, type NodeSet } from '../../core/placement/nodes';
import { placePod } from '../../core/placement/engine';
import { docAtOffset, docToObject, podTemplateOf, podTemplatesIn, type PodTemplateRef } from '../../core/placement/workload';
import { dig, isRecord } from '../../core/placement/affinity';
import { simulateCronJob } from '../../core/simulate/cronjob';
import { simulateJob } from '../../core/simulate/job';
import { clusterSession } from './cluster';
import { clampMinor } from '../../core/versions';
import { PlacementRequest, SimulateRequest, type LspPosition, type PlacementParams, type PlacementResponse, type SimulateParams, type SimulateResponse } from '../../protocol';
import { anything, finiteNumber, guarded, object, position, string } from '../guard';

const placementParams = object({ uri: string, position }, { nodesFile: string, whatIf: object({}), nodesFrom: string });
const simulateParams = object({ uri: string, position }, { nodesFile: string, podDurationSeconds: finiteNumber, failureRate: finiteNumber, runDurationSeconds: finiteNumber, hours: finiteNumber, from: string, whatIf: anything, nodesFrom: string });

/** The nodes to place on: a nodes file, Node documents in open files, else the lesson's kind cluster. */
export function gatherNodes(workspace: Workspace, uri: string, nodesFile?: string): { set: NodeSet; sources: string[] } {
  const set: NodeSet = { nodes: [], warnings: [] };
  const seen = new Set<string>();
  const sources: string[] = [];
  const configured = nodesFile ?? settingNodesFile(workspace);
  if (configured) {
    const path = resolveAgainst(configured, uri);
    try {
      const read = readNodesFile(path);
      for (const n of read.nodes) {
        if (seen.has(n.name)) continue;
        seen.add(n.name);
        set.nodes.push(n);
      }
      set.warnings.push(...read.warnings);
      if (read.nodes.length > 0) sources.push(path);
      else set.warnings.push(`nodes file ${path} holds no Node objects`);
    } catch (error) {
      set.warnings.push(`nodes file ${path} cannot be read: ${(error as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'no such file' : String((error as Error)?.message ?? error)}`);
    }
  }
  for (const document of workspace.documents.all()) {
    if (!mayHoldNodes(document.getText())) continue;
    const file = workspace.file(document.uri);
    if (!file) continue;
    const before = set.nodes.length;
    nodesFromFile(file, document.uri, set, seen);
    if (set.nodes.length > before) sources.push(document.uri);
  }
  if (set.nodes.length === 0) {
    set.nodes = defaultCluster();
    sources.push(DEFAULT_CLUSTER_NAME);
  }
  return { set, sources };
}

const nodesFileCache = new Map<string, { stamp: string; set: NodeSet }>();

/** A nodes file, parsed again only when its size or modification time changes. */
function readNodesFile(path: string): NodeSet {
  const stat = statSync(path);
  if (!stat.isFile()) throw new Error('it is not a regular file');
  if (stat.size > MAX_CHECKED_CHARS) throw new Error(`it is ${(stat.size / 1024 / 1024).toFixed(1)} MiB; nodes files up to ${MAX_CHECKED_CHARS / 1024 / 1024} MiB are read`);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cached = nodesFileCache.get(path);
  if (cached && cached.stamp === stamp) return cached.set;
  const set = nodesFromText(readFileSync(path, 'utf8'), path);
  if (nodesFileCache.size > 8) nodesFileCache.clear();
  nodesFileCache.set(path, { stamp, set });
  return set;
}

function settingNodesFile(workspace: Workspace): string | undefined {
  const value = dig(workspace.settings.raw, ['placement', 'nodesFile']);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function resolveAgainst(path: string, uri: string): string {
  if (isAbsolute(path)) return path;
  try {
    if (uri.startsWith('file:')) return resolve(dirname(fileURLToPath(uri)), path);
  } catch {
    // fall through to the server's working directory
  }
  return resolve(path);
}

/** The pod template under the cursor, else the file's first one. */
export function templateAt(file: WorkloadFile, position: LspPosition): { template?: PodTemplateRef; note?: string } {
  const doc = docAtOffset(file, file.lines.offsetAt(position));
  if (doc) {
    const { value, error } = docToObject(doc);
    if (error) return { note: error };
    const template = podTemplateOf(value);
    if (template) return { template };
  }
  const first = podTemplatesIn(file)[0];
  if (first) return { template: first, note: `the cursor is not in a workload; showing ${first.kind}/${first.name}` };
  return {};
}

export async function placementFor(workspace: Workspace, params: PlacementParams): Promise<PlacementResponse> {
  const file = workspace.file(params.uri);
  if (!file) return { error: 'The document is not open in the language server.' };
  if (file.templated) return { error: 'This file is a template (it has {{ … }} markers); render it first.' };
  const { template, note } = templateAt(file, params.position);
  if (!template) return { error: 'No pod template here: put the cursor in a DaemonSet, Job, CronJob (or another workload with a pod template).' };
  const session = clusterSession(workspace);
  let set: NodeSet;
  let sources: string[];
  if (params.nodesFrom === 'cluster') {
    const live = await session.nodes();
    if ('error' in live) return { error: live.error };
    set = live.set;
    sources = [live.source];
  } else ({ set, sources } = gatherNodes(workspace, params.uri, params.nodesFile));
  const report = placePod(template, set.nodes, params.whatIf, targetMinor(workspace, params.kubernetesMinor));
  report.warnings.unshift(...set.warnings);
  if (note) report.warnings.unshift(note);
  const cluster = session.status.connected && session.status.context ? { context: session.status.context, label: session.status.label ?? session.status.context } : undefined;
  return { ...report, uri: params.uri, nodeSources: sources, cluster };
}

export function simulationFor(workspace: Workspace, params: SimulateParams, nodes?: NodeSet): SimulateResponse {
  const file = workspace.file(params.uri);
  if (!file) return { error: 'The document is not open in the language server.' };
  const doc = docAtOffset(file, file.lines.offsetAt(params.position));
  let obj = doc ? docToObject(doc).value : undefined;
  const kindOf = (o: unknown) => (isRecord(o) ? o.kind : undefined);
  if (kindOf(obj) !== 'Job' && kindOf(obj) !== 'CronJob') {
    obj = file.docs.map((p) => docToObject(p.doc).value).find((o) => kindOf(o) === 'Job' || kindOf(o) === 'CronJob');
  }
  if (!isRecord(obj) || !isRecord(obj.spec)) return { error: 'No Job or CronJob here: put the cursor in one to see its runs over time.' };
  const name = typeof dig(obj, ['metadata', 'name']) === 'string' ? (dig(obj, ['metadata', 'name']) as string) : '<unnamed>';
  const kubernetesMinor = targetMinor(workspace, params.kubernetesMinor);
  const template = podTemplateOf(obj);
  let unschedulable = false;
  if (template) {
    const set = nodes ?? gatherNodes(workspace, params.uri, params.nodesFile).set;
    unschedulable = placePod(template, set.nodes, {}, kubernetesMinor).counts.scheduled === 0;
  }
  const options = { podDurationSeconds: params.podDurationSeconds, failureRate: params.failureRate, unschedulable, kubernetesMinor };
  if (obj.kind === 'Job') return { kind: 'Job', name, job: simulateJob(name, obj.spec, options) };
  const from = params.from ? new Date(params.from) : undefined;
  const usableFrom = from && !Number.isNaN(from.getTime()) && from.getUTCFullYear() >= 1 && from.getUTCFullYear() <= 9990 ? from : undefined;
  return { kind: 'CronJob', name, cron: simulateCronJob(name, obj.spec, { ...options, runDurationSeconds: params.runDurationSeconds, hours: params.hours, from: usableFrom }) };
}

/** The minor a request asks for, else the workloadLens.kubernetesVersion setting. */
function targetMinor(workspace: Workspace, asked: number | undefined): number {
  return typeof asked === 'number' && Number.isFinite(asked) ? clampMinor(asked) : workspace.settings.kubernetesMinor;
}

/** workloadLens/placement and workloadLens/simulate: the data behind the placement panel. */
export const placementFeature: Feature = {
  register(workspace) {
    workspace.connection.onRequest(
      PlacementRequest,
      guarded(workspace, 'placement', placementParams, (params: PlacementParams): Promise<PlacementResponse> => placementFor(workspace, params).catch((error) => {
        workspace.connection.console.error(`placement failed: ${(error as Error)?.stack ?? error}`);
        return { error: 'Placement failed (see the Workload Lens output).' };
      }), Promise.resolve({ error: 'Placement failed (see the Workload Lens output).' })),
    );
    workspace.connection.onRequest(
      SimulateRequest,
      guarded(workspace, 'simulate', simulateParams, async (params: SimulateParams): Promise<SimulateResponse> => {
        try {
          // With the cluster's nodes, "can the pods be scheduled at all" is asked of them too.
          const live = params.nodesFrom === 'cluster' ? await clusterSession(workspace).nodes() : undefined;
          if (live && 'error' in live) return { error: live.error };
          return simulationFor(workspace, params, live?.set);
        } catch (error) {
          workspace.connection.console.error(`simulate failed: ${(error as Error)?.stack ?? error}`);
          return { error: 'Simulation failed (see the Workload Lens output).' };
        }
      }, Promise.resolve({ error: 'Simulation failed (see the Workload Lens output).' })),
    );
  },
};
