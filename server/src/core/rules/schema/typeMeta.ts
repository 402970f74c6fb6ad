import type { Node } from 'yaml';
import { isMap, isScalar } from '../../model/yamlNodes';
import type { ParsedDoc } from '../../model/workloadFile';
import type { DocDiagnostic } from '../../diagnostics';
import { registerRules, type Rule, type RuleSettings } from '../registry';
import { goJson } from '../api/errors';
import { plainOf, type Plain } from '../api/value';

const ID = 'missing-kind';

/**
 * kubectl refuses a document without `kind` (apimachinery unstructuredJSONScheme: "Object 'Kind' is missing
 * in '<json>'") or without `apiVersion` (the REST mapping fails: no matches for kind … in version ""), and
 * `kubectl apply -f` then fails for the file. Checked only for documents meant as Kubernetes objects (one of
 * apiVersion and kind, and metadata or spec), so values files, compose files and other YAML stay quiet. Not a per-workload rule: the document it looks at
 * is, by definition, not recognised as a workload.
 */
export const missingKindRule: Rule = {
  id: ID,
  kinds: ['DaemonSet', 'Job', 'CronJob'],
  category: 'api',
  severity: 'error',
  title: 'Document without kind or apiVersion',
  description: 'A document meant as a Kubernetes object (it has metadata or spec) without `kind` or `apiVersion`: `kubectl apply -f` fails on it ("Object \'Kind\' is missing in …", or "no matches for kind … in version \\"\\"" when apiVersion is missing). Empty documents are skipped, as kubectl skips them.',
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/#describing-a-kubernetes-object',
  check() {},
};

function topString(contents: unknown, key: string): string | undefined {
  if (!isMap(contents)) return undefined;
  const v = contents.get(key, true);
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

/** Go's json.Marshal of the document, as kubectl quotes it (map keys sorted). */
function documentJson(v: Plain): string {
  const sort = (x: Plain): unknown => (Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort(x[k])])) : x);
  const json = goJson(sort(v));
  return json.length > 240 ? `${json.slice(0, 240)}…` : json;
}

/**
 * The missing-kind finding of one document (document offsets): a mapping document with `apiVersion` or
 * `kind` and `metadata` or `spec` (so it is meant as a Kubernetes object) that lacks the other.
 */
export function missingKindFindings(doc: ParsedDoc, settings: RuleSettings): DocDiagnostic[] {
  const setting = settings[ID];
  if (setting === 'off') return [];
  const contents = doc.yaml.contents as Node | null;
  if (doc.syntax.some((p) => p.severity === 'error') || !isMap(contents)) return [];
  const apiVersion = topString(contents, 'apiVersion');
  const kind = topString(contents, 'kind');
  if ((apiVersion && kind) || (!apiVersion && !kind) || !(contents.has('metadata') || contents.has('spec'))) return [];
  const meta = contents.get('metadata', true);
  const name = isMap(meta) ? topString(meta, 'name') ?? '' : '';
  const namespace = isMap(meta) ? topString(meta, 'namespace') ?? '' : '';
  const message = !kind
    ? `Object 'Kind' is missing in '${documentJson(plainOf(doc))}'`
    : `resource mapping not found for name: "${name}" namespace: "${namespace}": no matches for kind "${kind}" in version "" (apiVersion is missing)`;
  const anchorKey = !kind ? 'kind' : 'apiVersion';
  const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === anchorKey) ?? contents.items[0];
  const range = (pair.key as Node | null)?.range;
  if (!range) return [];
  return [{ start: range[0], end: range[1], severity: setting ?? 'error', code: ID, message, path: null, href: missingKindRule.docs }];
}

registerRules([missingKindRule]);
