// Shared by the differential harness (scripts/difftest) and the replay of its recorded answers
// (test/unit/k8sOracle.test.ts): how a variant is built from a seed, what our checker says about it,
// and how the API server's error paths are compared with ours.
import { stringify } from 'yaml';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile, type CheckSettings, type CoreDiagnostic } from '../../server/src/core/diagnostics';
import { allRules, type RuleSettings } from '../../server/src/core/rules/registry';

/** A JSON path step: a mapping key or a sequence index. */
export type Step = string | number;
/** `[path, value]` sets, `[path]` deletes. */
export type Op = [Step[], unknown] | [Step[]];

/** One error as the oracle reports it (`field` is kubectl style; '' for some decode errors). */
export interface OracleError {
  field: string;
  type: string;
}

export interface OracleVerdict {
  accepted: boolean;
  stage: 'decode' | 'validate';
  errors: OracleError[];
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The operations that turn `from` into `to` (maps key by key; lists of equal length item by item). */
export function diffOps(from: unknown, to: unknown, at: Step[] = [], out: Op[] = []): Op[] {
  if (isObject(from) && isObject(to)) {
    // Key order matters for the YAML text: when applying the changes would not give `to`'s order, replace the map whole.
    const kept = Object.keys(from).filter((k) => k in to);
    const order = [...kept, ...Object.keys(to).filter((k) => !(k in from))];
    if (order.join('\0') !== Object.keys(to).join('\0')) {
      out.push([at, clone(to)]);
      return out;
    }
    for (const k of Object.keys(from)) if (!(k in to)) out.push([[...at, k]]);
    for (const k of Object.keys(to)) {
      if (!(k in from)) out.push([[...at, k], to[k]]);
      else diffOps(from[k], to[k], [...at, k], out);
    }
    return out;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    from.forEach((item, i) => diffOps(item, to[i], [...at, i], out));
    return out;
  }
  if (JSON.stringify(from) !== JSON.stringify(to)) out.push([at, clone(to)]);
  return out;
}

export function applyOps(seed: unknown, ops: readonly Op[]): unknown {
  let root = clone(seed);
  for (const op of ops) {
    const [path] = op;
    if (path.length === 0) {
      root = clone(op[1]);
      continue;
    }
    let node = root as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (op.length === 1) {
      if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
      else delete node[last];
    } else node[last] = clone(op[1]);
  }
  return root;
}

/** The YAML text a variant is sent as (to the oracle and to our checker alike). */
export function variantYaml(obj: unknown): string {
  return stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Our findings of severity error for one YAML text, checked for Kubernetes 1.`minor`. */
export function ourErrors(text: string, minor: number): CoreDiagnostic[] {
  // `kubernetesMinor` is read by the core once the version-aware checker is in; until then it is ignored.
  // Lint rules are advice, never errors: switched off, as they cannot change the verdict.
  const settings = { enable: true, rules: lintsOff(), kubernetesMinor: minor } as CheckSettings;
  return checkFile(parseWorkloadFile(text), settings).filter((d) => d.severity === 'error');
}

let lintsOffCache: RuleSettings | undefined;
function lintsOff(): RuleSettings {
  lintsOffCache ??= Object.fromEntries(allRules().filter((r) => r.category === 'lint').map((r) => [r.id, 'off' as const]));
  return lintsOffCache;
}

/** Whether our checker reads minor-specific rules (the vercore `kubernetesMinor` setting). */
export function checkerIsVersionAware(): boolean {
  const probe = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: p\nspec:\n  managedBy: kubernetes.io/job-controller\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n';
  // spec.managedBy is unknown to 1.29's strict decoding and fine in 1.36.
  return ourErrors(probe, 29).length > 0 && ourErrors(probe, 36).length === 0;
}

/**
 * A path as strict decoding names it: encoding/json's type errors give no list index and include the Go
 * names of embedded structs (`volumes.VolumeSource.hostPath`, `livenessProbe.ProbeHandler.exec`); ours
 * carry indices and map keys (`labels[app]`). Both are reduced to the field names.
 */
export function decodePath(path: string): string {
  return path
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .filter((seg) => seg !== '' && !/^[A-Z]/.test(seg))
    .join('.');
}

/**
 * Whether the oracle's error path is among ours. Validation errors compare exactly. A strict-decoding
 * error (the server stops at the first) is found when we report at that field or inside it (a wrong type
 * in a map value is ours at `labels[app]`, the server's at `labels`); one without a field (a bad quantity)
 * matches any error of ours.
 */
export function pathFound(err: OracleError, stage: OracleVerdict['stage'], ours: readonly (string | null)[]): boolean {
  const field = err.field.trim();
  if (stage === 'decode') {
    if (!field) return ours.length > 0;
    const want = decodePath(field);
    return ours.some((p) => {
      if (p === null) return false;
      const have = decodePath(p);
      return have === want || have.startsWith(`${want}.`);
    });
  }
  return ours.includes(field);
}

/** Root-cause key of a path: list indices and the pod template's location folded. */
export function pathKey(path: string): string {
  return path
    .replace(/\[\d+\]/g, '[*]')
    .replace(/^spec\.jobTemplate\.spec\.template\.spec|^spec\.template\.spec/, '<pod>')
    .replace(/^spec\.jobTemplate\.spec\.template\.metadata|^spec\.template\.metadata/, '<podmeta>')
    .replace(/^spec\.jobTemplate\.spec/, '<job>')
    .replace(/\.(initContainers|ephemeralContainers|containers)\[\*\]/, '.<containers>[*]')
    .replace(/\[[^\]*]+\]/g, '[<key>]');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One recorded answer of the server (test/unit/fixtures/k8s-oracle/1.<minor>.json). */
export interface RecordedCase {
  id: string;
  /** Index into seeds.json. */
  s: number;
  ops: Op[];
  accepted: boolean;
  stage: OracleVerdict['stage'];
  /** [field, type] per error of the server. */
  errors: [string, string][];
}

/** What disagrees between a recorded answer and our checker now (undefined = full agreement). */
export function recordedDisagreement(c: RecordedCase, seed: unknown, minor: number): string | undefined {
  const ours = ourErrors(variantYaml(applyOps(seed, c.ops)), minor);
  if (c.accepted && ours.length) return `server accepts, we report ${ours.map((d) => `${d.path}: ${d.message.slice(0, 80)}`).join(' | ')}`;
  if (!c.accepted && !ours.length) return `server rejects (${c.errors.map((e) => e.join(' ')).join(', ')}), we report nothing`;
  const paths = ours.map((d) => d.path);
  const missing = c.errors.filter(([field, type]) => !pathFound({ field, type }, c.stage, paths));
  if (missing.length) return `server's error paths not among ours: ${missing.map((e) => e.join(' ')).join(', ')}; ours: ${paths.join(', ')}`;
  return undefined;
}
