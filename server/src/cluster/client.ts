import { call, type Answer } from './http';
import { ClusterError } from './errors';
import { selectContext, type ConnectOptions, type Target } from './kubeconfig';
import type { DryRunOutcome, DryRunReport, ServerStatus } from '../core/clusterFindings';

/** What GET /version says. */
export interface ServerVersion {
  gitVersion: string;
  major: string;
  minor: string;
}

export interface ConnectionInfo {
  context: string;
  server: string;
  namespace: string;
  version: ServerVersion;
  /** "context · v1.34.9", for a status bar. */
  label: string;
}

/** The REST path of each workload kind, by apiVersion. */
const RESOURCES: Record<string, { plural: string; group: string }> = {
  DaemonSet: { plural: 'daemonsets', group: 'apps' },
  Job: { plural: 'jobs', group: 'batch' },
  CronJob: { plural: 'cronjobs', group: 'batch' },
};

export interface DryRunInput {
  /** Index of the document in the file. */
  doc: number;
  object: Record<string, unknown>;
}

function statusOf(answer: Answer): ServerStatus {
  const b = answer.body;
  if (b && typeof b === 'object' && (b as { kind?: unknown }).kind === 'Status') return b as ServerStatus;
  return { code: answer.status, message: typeof b === 'string' && b.trim() ? b.trim().slice(0, 300) : `HTTP ${answer.status}` };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** A connection to one kubeconfig context. Every method gives up after 5 s per request. */
export class ClusterClient {
  private constructor(readonly target: Target) {}

  /** Reads the kubeconfig and picks the context; sends nothing yet. */
  static open(options: ConnectOptions): ClusterClient {
    return new ClusterClient(selectContext(options));
  }

  get context(): string {
    return this.target.context;
  }

  private async ok(method: string, path: string): Promise<unknown> {
    const answer = await call(this.target, method, path);
    if (answer.status === 401) throw new ClusterError('unauthorized', `the API server at ${this.target.server} rejected the credentials of context "${this.target.context}" (401 Unauthorized)`);
    if (answer.status === 403) throw new ClusterError('forbidden', `context "${this.target.context}" may not ${method === 'GET' ? 'read' : method} ${path.split('?')[0]}: ${statusOf(answer).message}`);
    if (answer.status < 200 || answer.status >= 300) throw new ClusterError('protocol', `${method} ${path.split('?')[0]} answered ${answer.status}: ${statusOf(answer).message}`);
    return answer.body;
  }

  async version(): Promise<ServerVersion> {
    const body = (await this.ok('GET', '/version')) as Record<string, unknown>;
    const gitVersion = str(body?.gitVersion) ?? 'unknown';
    return { gitVersion, major: str(body?.major) ?? '', minor: (str(body?.minor) ?? '').replace(/\D+$/, '') };
  }

  async connect(): Promise<ConnectionInfo> {
    const version = await this.version();
    const short = /^v?\d+\.\d+\.\d+/.exec(version.gitVersion)?.[0] ?? version.gitVersion;
    return { context: this.target.context, server: this.target.server, namespace: this.target.namespace, version, label: `${this.target.context} · ${short.startsWith('v') ? short : `v${short}`}` };
  }

  /**
   * Dry-runs each object as `kubectl apply --dry-run=server` decides: a dry-run create (dryRun=All,
   * fieldValidation=Strict) when the object does not exist yet, else a dry-run server-side apply.
   * A problem without an HTTP answer (unreachable, timeout, TLS, credentials) stops the run.
   */
  async dryRun(inputs: readonly DryRunInput[]): Promise<DryRunReport> {
    const started = Date.now();
    const report: DryRunReport = { context: this.target.context, outcomes: [] };
    try {
      for (const input of inputs) report.outcomes.push(await this.dryRunOne(input));
    } catch (error) {
      if (!(error instanceof ClusterError)) throw error;
      report.problem = error.message;
    }
    report.elapsedMs = Date.now() - started;
    return report;
  }

  private async dryRunOne(input: DryRunInput): Promise<DryRunOutcome> {
    const obj = input.object;
    const kind = String(obj.kind);
    const resource = RESOURCES[kind] ?? { plural: `${kind.toLowerCase()}s`, group: '' };
    const apiVersion = str(obj.apiVersion) ?? '';
    const metadata = (obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}) as Record<string, unknown>;
    const namespace = str(metadata.namespace) ?? this.target.namespace;
    const name = str(metadata.name);
    const base = `${apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`;
    const outcome = (action: DryRunOutcome['action'], verb: string, answer: Answer): DryRunOutcome => {
      if (answer.status === 401) throw new ClusterError('unauthorized', `the API server at ${this.target.server} rejected the credentials of context "${this.target.context}" (401 Unauthorized)`);
      const failed = answer.status < 200 || answer.status >= 300;
      return { doc: input.doc, action, verb, resource: resource.plural, group: resource.group, namespace, httpStatus: answer.status, status: failed ? statusOf(answer) : undefined, warnings: answer.warnings };
    };
    let exists = false;
    if (name) {
      const got = await call(this.target, 'GET', `${base}/${encodeURIComponent(name)}`);
      if (got.status === 200) exists = true;
      // A user who may not read the object may still create it: then the create answers (and names what is missing).
      else if (got.status !== 404 && got.status !== 403) return outcome('create', 'get', got);
    }
    const query = 'dryRun=All&fieldValidation=Strict';
    if (!exists) return outcome('create', 'create', await call(this.target, 'POST', `${base}?${query}`, obj));
    return outcome('apply', 'patch', await call(this.target, 'PATCH', `${base}/${encodeURIComponent(name!)}?${query}&fieldManager=workload-lens&force=true`, obj, 'application/apply-patch+yaml'));
  }

  /**
   * The cluster's Node objects and its non-terminated pods (status.phase not Succeeded or Failed), as
   * plain objects: the core turns them into nodes with what already runs there (core/placement/inUse).
   */
  async nodesAndPods(): Promise<{ nodes: unknown[]; pods: unknown[]; source: string }> {
    const list = (await this.ok('GET', '/api/v1/nodes')) as { items?: unknown[] };
    const pods = (await this.ok('GET', `/api/v1/pods?fieldSelector=${encodeURIComponent('status.phase!=Succeeded,status.phase!=Failed')}`)) as { items?: unknown[] };
    return { nodes: (list.items ?? []).map((n) => ({ ...(n as object), kind: 'Node' })), pods: pods.items ?? [], source: `cluster ${this.target.context}` };
  }
}
