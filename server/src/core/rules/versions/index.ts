import { registerRules, type Rule, type RuleContext } from '../registry';
import type { CoreFix } from '../../diagnostics';
import { kubePath } from '../../schema';
import { formatMinor } from '../../versions';
import { versionFindings, type VersionFinding } from '../../versions/prepare';
import { plainOf } from '../api/value';
import { rangeFor } from '../api/place';
import { removePathEdit } from './removeField';
import type { CoreEdit } from '../../diagnostics';

export const DROPPED_FIELD = 'version-dropped-field';
const MEMO = 'versions:findings';
const GATES_DOCS = 'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/';

/** The manifest's version findings for the target minor, computed once per document and minor. */
export function versionFindingsOf(ctx: Pick<RuleContext, 'doc' | 'kind' | 'minor'>): VersionFinding[] {
  const key = `${MEMO}:${ctx.minor}`;
  const cached = ctx.doc.memo.get(key) as VersionFinding[] | undefined;
  if (cached) return cached;
  const found = versionFindings(ctx.kind, plainOf(ctx.doc), ctx.minor);
  ctx.doc.memo.set(key, found);
  return found;
}

/** Removes what the server drops: the field, or (image volumes) the volume and its mounts; none when an edit is not clean. */
function removeFix(ctx: RuleContext, f: VersionFinding, all: readonly VersionFinding[] = []): CoreFix[] {
  const paths = f.status.status === 'dropped' && f.removes ? [f.removes[0]] : [f.segs];
  if (f.type === 'Volume' && f.field === 'image') paths.push(...all.filter((m) => m.because && m.status === f.status).map((m) => m.segs));
  const edits: CoreEdit[] = [];
  for (const p of paths) {
    const e = removePathEdit(ctx.doc, p);
    if (!e) return [];
    edits.push(e);
  }
  const what = f.type === 'Volume' && f.field === 'image' ? 'the image volume and its mounts' : f.field;
  return [{ title: `Remove ${what} (not served by Kubernetes ${formatMinor(ctx.minor)})`, edits, preferred: true }];
}

/** Fields the target's strict decoding rejects: reported by the unknown-field rule (schema/index.ts). */
export function reportUnknownInTarget(ctx: RuleContext): void {
  for (const f of versionFindingsOf(ctx)) {
    if (f.status.status !== 'unknown') continue;
    const range = rangeFor(ctx.doc, f.segs, true);
    if (!range) continue;
    const path = kubePath(ctx.kind, f.segs);
    const s = f.status;
    const when = s.until !== undefined
      ? `Kubernetes ${formatMinor(ctx.minor)} no longer has it (it existed ${s.since === s.until ? `only in ${formatMinor(s.until)}` : `from ${formatMinor(s.since)} to ${formatMinor(s.until)}`})`
      : `it arrives in Kubernetes ${formatMinor(s.since)}; the target is ${formatMinor(ctx.minor)}`;
    const fixes = removeFix(ctx, f);
    ctx.report({ start: range[0], end: range[1], message: `unknown field "${path}": ${when}`, path, ...(fixes.length ? { fixes } : {}) });
  }
}

export const versionRules: Rule[] = [
  {
    id: DROPPED_FIELD,
    kinds: ['DaemonSet', 'Job', 'CronJob'],
    category: 'api',
    severity: 'warning',
    title: 'Field dropped by the target Kubernetes version',
    description: 'A field whose feature gate is off by default in the target version (workloadLens.kubernetesVersion, --kubernetes-version): the API server accepts the manifest but drops the field on create (PrepareForCreate), so it does nothing. What is left is checked as that server checks it. The quick fix removes the field.',
    docs: GATES_DOCS,
    check(ctx) {
      for (const f of versionFindingsOf(ctx)) {
        if (f.status.status !== 'dropped') continue;
        const range = rangeFor(ctx.doc, f.because ? [...f.segs, 'name'] : f.segs, true);
        if (!range) continue;
        const path = kubePath(ctx.kind, f.segs);
        const s = f.status;
        const what = f.because ? `this volume mount (${f.because})` : path;
        const message = `a ${formatMinor(ctx.minor)} API server drops ${what} on create: feature gate ${s.gate} is off by default${s.enabledIn ? ` until ${formatMinor(s.enabledIn)}` : ''}`;
        const fixes = f.because ? [] : removeFix(ctx, f, versionFindingsOf(ctx));
        ctx.report({ start: range[0], end: range[1], message, path, ...(fixes.length ? { fixes } : {}) });
      }
    },
  },
];

registerRules(versionRules);
