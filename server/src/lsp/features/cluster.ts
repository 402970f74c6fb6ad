import type { Feature } from '../feature';
import type { Workspace } from '../workspace';
import type { WorkloadFile } from '../../core/model/workloadFile';
import type { CoreDiagnostic } from '../../core/diagnostics';
import { dryRunDiagnostics, type DryRunReport } from '../../core/clusterFindings';
import { clusterNodes } from '../../core/placement/inUse';
import type { NodeSet } from '../../core/placement/nodes';
import { dig } from '../../core/placement/affinity';
import { clampMinor, DEFAULT_MINOR, formatMinor } from '../../core/versions';
import { loadCluster } from '../../clusterLoader';
import { dryRunFile } from '../../clusterCheck';
import { guarded, object, string } from '../guard';
import {
  ClusterConnectRequest, ClusterContextsRequest, ClusterDryRunRequest, ClusterStatusNotification,
  type ClusterConnectParams, type ClusterContextsParams, type ClusterContextsResponse, type ClusterDryRunParams, type ClusterDryRunResponse, type ClusterStatus,
} from '../../protocol';

type Client = import('../../cluster/client').ClusterClient;

interface ClusterSettings {
  enable: boolean;
  kubeconfig?: string;
  context?: string;
  dryRunOnSave: boolean;
}

function clusterSettings(workspace: Workspace): ClusterSettings {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const raw = workspace.settings.raw;
  return {
    enable: dig(raw, ['cluster', 'enable']) === true,
    kubeconfig: text(dig(raw, ['cluster', 'kubeconfig'])),
    context: text(dig(raw, ['cluster', 'context'])),
    dryRunOnSave: dig(raw, ['cluster', 'dryRunOnSave']) === true,
  };
}

/**
 * The connection to a cluster, if any. Nothing leaves the machine until workloadLens.cluster.enable
 * is true or the user runs Connect to Cluster / Check Against Cluster.
 */
class ClusterSession {
  client?: Client;
  status: ClusterStatus = { connected: false };
  /** Dry-run answers per document, for the version they were computed on. */
  readonly reports = new Map<string, { version: number; report: DryRunReport }>();
  private enabledBefore = false;
  private connectedWith = '';
  private nodeCache?: { at: number; set: NodeSet };

  constructor(private readonly workspace: Workspace) {}

  async connect(options: { context?: string; kubeconfig?: string }): Promise<ClusterStatus> {
    const settings = clusterSettings(this.workspace);
    const kubeconfig = options.kubeconfig ?? settings.kubeconfig;
    const context = options.context ?? settings.context;
    this.connectedWith = JSON.stringify([kubeconfig, context]);
    this.nodeCache = undefined;
    let status: ClusterStatus;
    try {
      const cluster = loadCluster();
      const client = cluster.ClusterClient.open({ kubeconfig, context });
      const info = await client.connect();
      this.client = client;
      status = { connected: true, context: info.context, server: info.server, version: info.version.gitVersion, minor: Number(info.version.minor) || undefined, label: info.label };
    } catch (error) {
      this.client = undefined;
      status = { connected: false, context, error: describe(error) };
    }
    this.setStatus(status);
    // Answers of the previous connection are not this cluster's.
    if (this.reports.size) {
      const uris = [...this.reports.keys()];
      this.reports.clear();
      for (const uri of uris) clusterFeature.republish?.(this.workspace, uri);
    }
    return this.status;
  }

  disconnect(): void {
    this.client = undefined;
    this.nodeCache = undefined;
    this.reports.clear();
    this.setStatus({ connected: false });
    for (const document of this.workspace.documents.all()) clusterFeature.republish?.(this.workspace, document.uri);
  }

  private setStatus(status: ClusterStatus): void {
    this.status = status;
    this.notify();
    if (status.error) this.workspace.connection.console.warn(`Cluster: ${status.error}`);
    else if (status.connected) this.workspace.connection.console.info(`Cluster: connected to ${status.label}`);
  }

  /** Sends the status (with the target version in effect under "auto") to the client. */
  private notify(): void {
    this.applyAutoVersion();
    const status = { ...this.status, autoVersion: this.workspace.settings.raw.kubernetesVersion === 'auto' ? formatMinor(this.workspace.settings.kubernetesMinor) : undefined };
    this.status = status;
    void this.workspace.connection.sendNotification(ClusterStatusNotification, status);
  }

  /**
   * workloadLens.kubernetesVersion "auto": the target version is the connected server's minor
   * (clamped to the versions the rules know); without a connection, the default.
   */
  applyAutoVersion(): boolean {
    const settings = this.workspace.settings;
    if (settings.raw.kubernetesVersion !== 'auto') return false;
    const minor = this.status.connected && this.status.minor ? clampMinor(this.status.minor) : DEFAULT_MINOR;
    if (settings.kubernetesMinor === minor && settings.validate.kubernetesMinor === minor) return false;
    this.workspace.settings = { ...settings, kubernetesMinor: minor, validate: { ...settings.validate, kubernetesMinor: minor } };
    for (const document of this.workspace.documents.all()) clusterFeature.republish?.(this.workspace, document.uri);
    return true;
  }

  /** Follows the settings: connect when enabled (again when kubeconfig/context change), disconnect when turned off. */
  async settingsChanged(): Promise<void> {
    // readSettings gives "auto" the default version: put the connected one back, and tell the client.
    const auto = this.workspace.settings.raw.kubernetesVersion === 'auto';
    if (auto || this.status.autoVersion) this.notify();
    const s = clusterSettings(this.workspace);
    const was = this.enabledBefore;
    this.enabledBefore = s.enable;
    if (s.enable && (!was || JSON.stringify([s.kubeconfig, s.context]) !== this.connectedWith)) await this.connect({});
    else if (!s.enable && was) this.disconnect();
  }

  /** Connected, or connect now with the settings (an explicit user action asked for the cluster). */
  async ensure(): Promise<Client | undefined> {
    if (!this.client) await this.connect({});
    return this.client;
  }

  async dryRun(uri: string): Promise<ClusterDryRunResponse> {
    const document = this.workspace.documents.get(uri);
    const file = this.workspace.file(uri);
    if (!document || !file) return { error: 'The document is not open in the language server.', objects: 0, findings: 0, errors: 0 };
    const client = await this.ensure();
    if (!client) return { error: this.status.error ?? 'Not connected to a cluster.', objects: 0, findings: 0, errors: 0 };
    const { report, diagnostics, objects } = await dryRunFile(client, file);
    this.reports.set(uri, { version: document.version, report });
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return { error: objects === 0 ? 'No DaemonSet, Job or CronJob in this file to check.' : report.problem, context: report.context, objects, findings: diagnostics.length, errors, elapsedMs: report.elapsedMs };
  }

  diagnosticsFor(uri: string, file: WorkloadFile): CoreDiagnostic[] {
    const entry = this.reports.get(uri);
    const document = this.workspace.documents.get(uri);
    if (!entry || !document) return [];
    if (entry.version !== document.version) {
      this.reports.delete(uri);
      return [];
    }
    return dryRunDiagnostics(file, entry.report);
  }

  /** The cluster's nodes with what runs on them, kept 10 s so what-if toggles stay quick. */
  async nodes(): Promise<{ set: NodeSet; source: string } | { error: string }> {
    const client = this.client;
    if (!client) return { error: 'Not connected to a cluster: run "Workload Lens: Connect to Cluster…".' };
    const source = `cluster ${client.context}`;
    if (this.nodeCache && Date.now() - this.nodeCache.at < 10_000) return { set: this.nodeCache.set, source };
    try {
      const { nodes, pods } = await client.nodesAndPods();
      const set = clusterNodes(nodes, pods, source);
      this.nodeCache = { at: Date.now(), set };
      return { set, source };
    } catch (error) {
      return { error: describe(error) };
    }
  }
}

function describe(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  return message.split('\n')[0];
}

const sessions = new WeakMap<Workspace, ClusterSession>();

export function clusterSession(workspace: Workspace): ClusterSession {
  let s = sessions.get(workspace);
  if (!s) sessions.set(workspace, (s = new ClusterSession(workspace)));
  return s;
}

/** Connect, contexts, dry run (command and on save), and the connection status. */
export const clusterFeature: Feature & { republish?: (workspace: Workspace, uri: string) => void } = {
  register(workspace) {
    const session = clusterSession(workspace);
    const { connection } = workspace;
    connection.onRequest(ClusterContextsRequest, guarded(workspace, 'clusterContexts', object({}, { kubeconfig: string }), (params: ClusterContextsParams): ClusterContextsResponse => {
      try {
        return loadCluster().listContexts(params.kubeconfig ?? clusterSettings(workspace).kubeconfig);
      } catch (error) {
        return { error: describe(error) };
      }
    }, { error: 'Reading the kubeconfig failed (see the Workload Lens output).' }));
    connection.onRequest(ClusterConnectRequest, guarded(workspace, 'clusterConnect', object({}, { context: string, kubeconfig: string }), (params: ClusterConnectParams) => session.connect(params), Promise.resolve(session.status)));
    connection.onRequest(ClusterDryRunRequest, guarded(workspace, 'clusterDryRun', object({ uri: string }), async (params: ClusterDryRunParams): Promise<ClusterDryRunResponse> => {
      try {
        const result = await session.dryRun(params.uri);
        clusterFeature.republish?.(workspace, params.uri);
        return result;
      } catch (error) {
        connection.console.error(`Dry run failed: ${(error as Error)?.stack ?? error}`);
        return { error: `Dry run failed: ${describe(error)}`, objects: 0, findings: 0, errors: 0 };
      }
    }, Promise.resolve({ error: 'Dry run failed (see the Workload Lens output).', objects: 0, findings: 0, errors: 0 })));
    workspace.documents.onDidSave((e) => {
      const s = clusterSettings(workspace);
      if (!s.dryRunOnSave || (!s.enable && !session.client)) return;
      void session.dryRun(e.document.uri).then(() => clusterFeature.republish?.(workspace, e.document.uri), (error) => connection.console.error(`Dry run on save failed: ${describe(error)}`));
    });
    workspace.documents.onDidClose((e) => session.reports.delete(e.document.uri));
  },
  onSettingsChanged(workspace) {
    void clusterSession(workspace).settingsChanged();
  },
};
