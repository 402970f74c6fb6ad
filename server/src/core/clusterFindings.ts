import type { CoreDiagnostic, Severity } from './diagnostics';
import type { WorkloadFile, ParsedDoc } from './model/workloadFile';
import { nodeAtPath, nodeRange, pairKeyRange, parseFieldPath, type PathSeg } from './model/path';
import type { Node } from 'yaml';
import { isMap, isPair } from './model/yamlNodes';

/**
 * A cluster's answers to server-side dry runs, as plain data (the cluster module does the HTTP), and
 * how they become diagnostics with code `cluster-dry-run` on the YAML the server talks about.
 */
export const CLUSTER_DRY_RUN = 'cluster-dry-run';

/** A metav1.Status as the API server sends it. */
export interface ServerStatus {
  code?: number;
  reason?: string;
  message?: string;
  details?: { name?: string; group?: string; kind?: string; causes?: Array<{ reason?: string; message?: string; field?: string }> };
}

/** One object's dry run. */
export interface DryRunOutcome {
  /** Index of the document in WorkloadFile.docs. */
  doc: number;
  /** What kubectl apply --dry-run=server would do: create when the object does not exist, else apply. */
  action: 'create' | 'apply';
  /** The verb of the request that answered (get, create, patch): RBAC denials name it. */
  verb: string;
  /** Plural resource, e.g. jobs; and its group, e.g. batch. */
  resource: string;
  group: string;
  namespace: string;
  /** HTTP status of the answer. */
  httpStatus: number;
  /** The Status the server sent on failure. */
  status?: ServerStatus;
  /** Warning headers, in the server's words. */
  warnings: string[];
}

export interface DryRunReport {
  /** The kubeconfig context asked. */
  context: string;
  outcomes: DryRunOutcome[];
  /** Set when the run stopped without an answer (unreachable, timeout, TLS, credentials): one clear sentence. */
  problem?: string;
  /** Milliseconds the whole run took. */
  elapsedMs?: number;
}

interface Finding {
  doc: number;
  severity: Severity;
  message: string;
  /** The field path the server names (kubectl style), when it names one. */
  field?: string;
  /** Where to point when there is no field: metadata.namespace or the kind. */
  anchor?: 'namespace' | 'kind';
  /** Point at the key (an unknown or duplicate field) rather than the value. */
  onKey?: boolean;
}

const MAX_VALUE_SHOWN = 120;

/** The server's messages can quote a whole object ("Invalid value: {…}: field is immutable"); keep them readable. */
export function shortenServerMessage(message: string): string {
  if (message.length <= 400) return message;
  const m = /^(.*?Invalid value: )(.*)(: [^:]*)$/s.exec(message);
  if (m && m[2].length > MAX_VALUE_SHOWN) return `${m[1]}${m[2].slice(0, MAX_VALUE_SHOWN)}…${m[3]}`;
  return `${message.slice(0, 400)}…`;
}

function findingsOf(outcome: DryRunOutcome, context: string): Finding[] {
  const out: Finding[] = [];
  const doc = outcome.doc;
  for (const w of outcome.warnings) {
    const m = /^([A-Za-z][\w.]*(?:\[[^\]]*\][\w.]*)*): (.*)$/s.exec(w);
    if (m && parseFieldPath(m[1])) out.push({ doc, severity: 'warning', field: m[1], message: m[2] });
    else out.push({ doc, severity: 'warning', anchor: 'kind', message: w });
  }
  if (outcome.httpStatus >= 200 && outcome.httpStatus < 300) return out;
  const status = outcome.status ?? {};
  const message = status.message ?? `HTTP ${outcome.httpStatus}`;
  const causes = (status.details?.causes ?? []).filter((c) => c.message || c.field);
  if (status.reason === 'Invalid' && causes.length) {
    for (const c of causes) out.push({ doc, severity: 'error', field: c.field || undefined, anchor: 'kind', message: shortenServerMessage(c.message ?? c.reason ?? message) });
    return out;
  }
  // Strict field validation: `… strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`.
  const strict = /strict decoding error: (.*)$/s.exec(message);
  if (strict) {
    const re = /(unknown|duplicate) field "([^"]*)"/g;
    let m: RegExpExecArray | null;
    let any = false;
    while ((m = re.exec(strict[1]))) {
      any = true;
      out.push({ doc, severity: 'error', field: m[2], anchor: 'kind', onKey: true, message: `${m[1]} field "${m[2]}"` });
    }
    if (any) return out;
  }
  // Server-side apply: `failed to create typed patch object (…): .spec.foo: field not declared in schema`.
  const typed = /: \.([^:\s]+): (field not declared in schema|.*)$/s.exec(message);
  if (typed && /typed patch|typed value/.test(message)) {
    out.push({ doc, severity: 'error', field: typed[1], anchor: 'kind', onKey: true, message: shortenServerMessage(typed[2]) });
    return out;
  }
  if (outcome.httpStatus === 404 && status.details?.kind === 'namespaces') {
    const ns = status.details.name ?? outcome.namespace;
    out.push({ doc, severity: 'error', anchor: 'namespace', message: `${message}: namespace "${ns}" does not exist on context "${context}"; create it first (kubectl create namespace ${ns})` });
    return out;
  }
  if (outcome.httpStatus === 403) {
    out.push({ doc, severity: 'error', anchor: 'kind', message: `Forbidden: needs ${outcome.verb} on ${outcome.resource} in namespace ${outcome.namespace} (context "${context}"): ${message}` });
    return out;
  }
  out.push({ doc, severity: 'error', anchor: 'kind', message: shortenServerMessage(`${status.reason ? `${status.reason}: ` : ''}${message}`) });
  return out;
}

/** The text range for a server field path: the node when the YAML has it, else the nearest existing parent's key. */
export function rangeForField(doc: ParsedDoc, field: string | undefined, onKey = false): { range?: [number, number]; exact: boolean } {
  const segs = field ? parseFieldPath(field) : undefined;
  if (!segs) return { exact: false };
  for (let n = segs.length; n > 0; n--) {
    const hit = nodeAtPath(doc, segs.slice(0, n));
    if (!hit) continue;
    if (n === segs.length) {
      const r = onKey && hit.pair ? pairKeyRange(hit.pair) : (nodeRange(hit.node) ?? (hit.pair ? pairKeyRange(hit.pair) : undefined));
      if (r) return { range: r, exact: true };
    }
    const first = isMap(hit.node) ? hit.node.items.find(isPair) : undefined;
    const r = hit.pair ? pairKeyRange(hit.pair) : first ? pairKeyRange(first) : nodeRange(hit.node);
    if (r) return { range: r, exact: false };
  }
  return { exact: false };
}

function anchorRange(doc: ParsedDoc, anchor: 'namespace' | 'kind'): [number, number] | undefined {
  const at = (segs: PathSeg[]) => {
    const hit = nodeAtPath(doc, segs);
    return hit ? (nodeRange(hit.node) ?? (hit.pair ? pairKeyRange(hit.pair) : undefined)) : undefined;
  };
  if (anchor === 'namespace') {
    const r = at(['metadata', 'namespace']);
    if (r) return r;
  }
  const kind = at(['kind']);
  if (kind) return kind;
  const root = doc.yaml.contents as Node | null;
  if (isMap(root)) {
    const first = root.items.find(isPair);
    if (first) return pairKeyRange(first);
  }
  return nodeRange(root) ?? [0, 0];
}

/** The cluster's answers as diagnostics (code cluster-dry-run) in file offsets. */
export function dryRunDiagnostics(file: WorkloadFile, report: DryRunReport): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  if (report.problem) {
    const first = file.docs.find((p) => p.doc.workload) ?? file.docs[0];
    const r = first ? anchorRange(first.doc, 'kind') : [0, 0];
    const by = first?.start ?? 0;
    out.push({ start: by + (r?.[0] ?? 0), end: by + (r?.[1] ?? 0), severity: 'error', code: CLUSTER_DRY_RUN, message: report.problem, path: null });
    return out;
  }
  for (const outcome of report.outcomes) {
    const placed = file.docs[outcome.doc];
    if (!placed) continue;
    for (const f of findingsOf(outcome, report.context)) {
      const { range } = rangeForField(placed.doc, f.field, f.onKey);
      const r = range ?? anchorRange(placed.doc, f.anchor ?? 'kind') ?? [0, 0];
      out.push({
        start: placed.start + r[0],
        end: placed.start + r[1],
        severity: f.severity,
        code: CLUSTER_DRY_RUN,
        message: f.message,
        path: f.field ?? (f.anchor === 'namespace' ? 'metadata.namespace' : null),
      });
    }
  }
  return out;
}

/** Our diagnostics beside the cluster's: where both report the same path and message, the cluster's alone stays. */
export function mergeClusterDiagnostics(own: readonly CoreDiagnostic[], cluster: readonly CoreDiagnostic[]): CoreDiagnostic[] {
  if (cluster.length === 0) return [...own];
  const said = new Set(cluster.map((d) => `${d.path}\u0000${d.message}`));
  return [...own.filter((d) => !said.has(`${d.path}\u0000${d.message}`)), ...cluster];
}
