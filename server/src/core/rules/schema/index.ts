import { registerRules, type Rule } from '../registry';
import type { WorkloadKind } from '../../model/workloadFile';
import { schemaFindings, type SchemaProblem } from './scan';
import './duplicates';
import './typeMeta';
import { reportUnknownInTarget, versionFindingsOf } from '../versions';
import { kubePath } from '../../schema';

/** kubectl paths of what PrepareForCreate removes in the target minor. */
function droppedPaths(ctx: Parameters<Rule['check']>[0]): string[] {
  const out: string[] = [];
  for (const f of versionFindingsOf(ctx)) {
    if (f.status.status !== 'dropped') continue;
    for (const segs of f.removes ?? [f.segs]) out.push(kubePath(ctx.kind, segs));
  }
  return out;
}

const KINDS: readonly WorkloadKind[] = ['DaemonSet', 'Job', 'CronJob'];
const FIELD_VALIDATION_DOCS = 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation';

function schemaRule(problem: SchemaProblem, title: string, description: string, docs: string): Rule {
  return {
    id: problem,
    kinds: KINDS,
    category: 'api',
    severity: 'error',
    title,
    description,
    docs,
    check(ctx) {
      // Enum and required-field checks are validation: a field PrepareForCreate drops in the target
      // (its gate off) is gone by then. Decoding checks (types, quantities, unknown fields) still apply.
      const validation = problem === 'unsupported-value' || problem === 'missing-required-field';
      const dropped = validation ? droppedPaths(ctx) : [];
      for (const f of schemaFindings(ctx.doc, ctx.kind)) {
        if (f.problem !== problem || dropped.some((d) => f.path === d || f.path.startsWith(`${d}.`) || f.path.startsWith(`${d}[`))) continue;
        ctx.report({ start: f.start, end: f.end, message: f.message, path: f.path, ...(f.fixes ? { fixes: f.fixes } : {}) });
      }
      if (problem === 'unknown-field') reportUnknownInTarget(ctx);
    },
  };
}

/** What `kubectl apply` (strict field validation) rejects while decoding the manifest. */
export const schemaRules: Rule[] = [
  schemaRule(
    'unknown-field',
    'Unknown field',
    'A field the API type does not have (field names are case-sensitive). kubectl apply fails with `strict decoding error: unknown field`. A near miss gets a rename fix.',
    FIELD_VALIDATION_DOCS,
  ),
  schemaRule(
    'wrong-type',
    'Wrong value type',
    'A value of the wrong JSON type after kubectl turns YAML 1.1 into JSON: a quoted number for an integer, an unquoted number or yes/no for a string (labels, annotations, env values), a mapping where a list goes. Fixes quote or unquote the value.',
    FIELD_VALIDATION_DOCS,
  ),
  schemaRule(
    'invalid-quantity',
    'Malformed quantity',
    'A resource quantity that resource.ParseQuantity rejects, such as `50MB` or `1.5.0` (`500m`, `0.5`, `1Gi`, `1e3`, `100M` are fine).',
    'https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/',
  ),
  schemaRule(
    'missing-required-field',
    'Missing required field',
    'A field the API marks as required (and defaulting does not fill), such as a container `name` or a CronJob `schedule`. Not checked under `status`.',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/',
  ),
  schemaRule(
    'unsupported-value',
    'Unsupported enum value',
    'A value outside the API\'s valid values for an enum field (restartPolicy, concurrencyPolicy, imagePullPolicy, toleration operator and effect, hostPath type…). Letter case matters; the fix corrects it.',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/',
  ),
];

registerRules(schemaRules);
