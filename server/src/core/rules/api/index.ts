import type { Node } from 'yaml';
import { isMap, isScalar } from '../../model/yamlNodes';
import { registerRules, type Rule } from '../registry';
import type { CoreEdit, CoreFix } from '../../diagnostics';
import type { ParsedDoc, WorkloadKind } from '../../model/workloadFile';
import { deref, nodeAtPath, nodeRange, pairKeyRange } from '../../model/path';
import { kubePath } from '../../schema';
import { API, type ApiRuleId } from './collect';
import { errorBody, type FieldError, type FixHint } from './errors';
import { insertIntoMap, rangeFor, scalarNodeRange, yamlScalar } from './place';
import { plainOf } from './value';
import { validateWorkload } from './workloads';
import { withoutDropped } from '../../versions/prepare';
import { versionFindingsOf } from '../versions';

const MEMO = 'api:errors';

/** Validation of what the target's PrepareForCreate leaves (fields of off gates dropped), once per document and minor. */
function errorsOf(doc: ParsedDoc, kind: WorkloadKind, minor: number): FieldError[] {
  const key = `${MEMO}:${minor}`;
  const cached = doc.memo.get(key) as FieldError[] | undefined;
  if (cached) return cached;
  const prepared = withoutDropped(plainOf(doc), versionFindingsOf({ doc, kind, minor }));
  const list = validateWorkload(kind, prepared, minor).list;
  doc.memo.set(key, list);
  return list;
}

function buildFixes(doc: ParsedDoc, hint: FixHint): CoreFix[] {
  if (hint.kind === 'insertKey') {
    const edit = insertIntoMap(doc, hint.map, [hint.line]);
    return edit ? [{ title: hint.title, edits: [edit], preferred: true }] : [];
  }
  if (hint.kind === 'restartPolicy') {
    return hint.values.flatMap((value, i): CoreFix[] => {
      const existing = nodeAtPath(doc, [...hint.podSpec, 'restartPolicy']);
      let edit: CoreEdit | undefined;
      if (existing?.pair) {
        const r = scalarNodeRange(doc, [...hint.podSpec, 'restartPolicy']);
        if (r) {
          // An empty value is filled in place: a space after the colon, and one before a comment that follows (`key:  # why` → `key:  Never # why`).
          const before = r[0] === r[1] && doc.source?.[r[0] - 1] === ':' ? ' ' : '';
          const after = r[0] === r[1] && doc.source !== undefined && r[1] < doc.source.length && !/[\s]/.test(doc.source[r[1]]) ? ' ' : '';
          edit = { start: r[0], end: r[1], newText: `${before}${value}${after}` };
        }
        else {
          const k = pairKeyRange(existing.pair);
          if (k && existing.node === null) edit = { start: k[1], end: k[1] + (doc.source?.[k[1]] === ':' ? 1 : 0), newText: `: ${value}` };
        }
      } else edit = insertIntoMap(doc, hint.podSpec, [`restartPolicy: ${value}`]);
      return edit ? [{ title: `Set restartPolicy: ${value}`, edits: [edit], preferred: i === 0 }] : [];
    });
  }
  const template = hint.template;
  const wanted = Object.entries(hint.labels);
  const labelsSegs = [...template, 'metadata', 'labels'];
  const labelsHit = nodeAtPath(doc, labelsSegs);
  const edits: CoreEdit[] = [];
  if (labelsHit && isMap(deref(doc.yaml, labelsHit.node))) {
    const missing: string[] = [];
    const labels = deref(doc.yaml, labelsHit.node) as Node;
    for (const [k, v] of wanted) {
      const have = nodeAtPath(doc, [...labelsSegs, k]);
      if (!have) missing.push(`${yamlScalar(k)}: ${yamlScalar(v)}`);
      else {
        const r = have.node && isScalar(have.node) ? nodeRange(have.node) : undefined;
        if (!r) return [];
        if (String((have.node as { value?: unknown }).value ?? '') !== v) edits.push({ start: r[0], end: r[1], newText: yamlScalar(v) });
      }
    }
    if (missing.length) {
      const e = isMap(labels) && labels.items.length && !labels.flow ? insertIntoMap(doc, labelsSegs, missing) : undefined;
      if (!e) return [];
      edits.push(e);
    }
  } else if (labelsHit) {
    return [];
  } else {
    const entries = wanted.map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(v)}`);
    const metaHit = nodeAtPath(doc, [...template, 'metadata']);
    const e = metaHit
      ? insertIntoMap(doc, [...template, 'metadata'], ['labels:', ...entries.map((l) => `  ${l}`)])
      : insertIntoMap(doc, template, ['metadata:', '  labels:', ...entries.map((l) => `    ${l}`)]);
    if (!e) return [];
    edits.push(e);
  }
  return edits.length ? [{ title: 'Copy the selector\'s labels into the pod template', edits, preferred: true }] : [];
}

function apiRule(id: ApiRuleId, kinds: readonly WorkloadKind[], title: string, description: string, docs: string): Rule {
  return {
    id,
    kinds,
    category: 'api',
    severity: 'error',
    title,
    description,
    docs,
    check(ctx) {
      for (const e of errorsOf(ctx.doc, ctx.kind, ctx.minor)) {
        if (e.rule !== id) continue;
        const range = rangeFor(ctx.doc, e.at?.segs ?? e.segs, e.at?.key);
        if (!range) continue;
        const fixes = e.fix ? buildFixes(ctx.doc, e.fix) : e.fixes;
        ctx.report({ start: range[0], end: range[1], message: errorBody(e), path: e.pathText ?? kubePath(ctx.kind, e.segs), ...(fixes?.length ? { fixes } : {}) });
      }
    },
  };
}

const ALL: readonly WorkloadKind[] = ['DaemonSet', 'Job', 'CronJob'];
const BATCH: readonly WorkloadKind[] = ['Job', 'CronJob'];
const POD_DOCS = 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/';

/** What API-server validation (pkg/apis/{apps,batch,core}/validation) rejects when these objects are created. */
export const apiRules: Rule[] = [
  apiRule(API.metadata, ALL, 'Invalid object metadata', 'metadata.name must be a DNS-1123 subdomain (lower case letters, digits, "-" and "."), namespace a DNS-1123 label; label keys are qualified names ([prefix/]name, name at most 63 characters) and label values at most 63 characters of letters, digits, "-", "_" and "."; annotations at most 256 KiB in total; a Job\'s name at most 63 bytes, because the server copies it into the job-name labels of the pod template. Applies to the object and its pod template (reported as spec.template.labels, as the API server does).', 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/'),
  apiRule(API.selector, ALL, 'Selector missing or not matching the template', 'A DaemonSet\'s spec.selector must be non-empty and select the pod template\'s labels. A Job\'s selector is generated by the API server unless manualSelector is true (then it must be given and match the template); a CronJob\'s job template must not have a selector or manualSelector: true. The quick fix copies the selector\'s labels into the template.', 'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#pod-selector'),
  apiRule(API.restartPolicy, ALL, 'restartPolicy not allowed for this kind', 'A DaemonSet\'s pods must use restartPolicy Always (the default). A Job\'s or CronJob\'s pods must use OnFailure or Never: an omitted restartPolicy is defaulted to Always, and the API server answers `Required value: valid values: "OnFailure", "Never"`. With podFailurePolicy only Never is allowed. Quick fixes set it (inserting the key when it is missing).', 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template'),
  apiRule(API.job, BATCH, 'Invalid Job spec', 'parallelism, completions, activeDeadlineSeconds, backoffLimit, ttlSecondsAfterFinished, backoffLimitPerIndex and maxFailedIndexes must not be negative; Indexed completion mode needs completions; backoffLimitPerIndex needs Indexed mode, maxFailedIndexes needs backoffLimitPerIndex; podFailurePolicy and successPolicy rules as the API validates them.', 'https://kubernetes.io/docs/concepts/workloads/controllers/job/'),
  apiRule(API.cronJob, ['CronJob'], 'Invalid CronJob spec', 'A CronJob\'s name is at most 52 characters (the controller appends 11 characters to name its Jobs); startingDeadlineSeconds and the history limits must not be negative.', 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/'),
  apiRule(API.daemonSet, ['DaemonSet'], 'Invalid DaemonSet spec', 'minReadySeconds and revisionHistoryLimit must not be negative; a rolling update (the default strategy) needs exactly one of maxUnavailable (default 1) and maxSurge (default 0) non-zero, each an integer or a percentage up to 100% (setting only maxSurge fails because maxUnavailable defaults to 1: the fix adds maxUnavailable: 0); pods of a DaemonSet cannot have activeDeadlineSeconds.', 'https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/'),
  apiRule(API.podSpec, ALL, 'Invalid pod spec', 'Pod-level checks of ValidatePodSpec, as the 1.36 API server makes them after defaulting: at least one container; activeDeadlineSeconds 1-2147483647; dnsConfig (with dnsPolicy None at least one nameserver; IP addresses, search domains); hostname/subdomain/serviceAccountName/priorityClassName/nodeName/runtimeClassName syntax; nodeSelector labels; pod securityContext (user and group ids, sysctl names and net.*/IPC sysctls with hostNetwork/hostIPC, seccomp and AppArmor profiles, seLinuxChangePolicy, shareProcessNamespace with hostPID); hostUsers: false without host namespaces; Windows hostProcess and os.name-specific fields; node affinity (operators, values, weights 1-100), pod (anti-)affinity topologyKey and matchLabelKeys; topologySpreadConstraints (maxSkew, minDomains, duplicates, matchLabelKeys, selectors); readiness and scheduling gates, hostAliases, resource claims; no ephemeral containers in templates.', POD_DOCS),
  apiRule(API.containers, ALL, 'Invalid container', 'Container names are unique DNS-1123 labels (an init container named like a container is the duplicate); image is required; ports are 1-65535 with unique IANA_SVC_NAME names (with hostNetwork, hostPort must equal containerPort); env names and valueFrom (exactly one source; fieldRef paths, resourceFieldRef resources and divisors, key syntax, fileKeyRef on an emptyDir); envFrom sources; volumeMounts must name a volume of the pod that has no error of its own, with a unique mountPath, relative subPath, and mountPropagation/recursiveReadOnly rules; probes and lifecycle hooks have one handler (exec needs a command, valid HTTP header names, sleep between 0 and terminationGracePeriodSeconds); restartPolicy and restartPolicyRules (1.35+ on every container); plain init containers take no probes or lifecycle; resizePolicy; container securityContext (ids, procMount Unmasked needs hostUsers: false, seccomp/AppArmor profiles, allowPrivilegeEscalation). A null list item is validated as an empty one, as the server decodes it.', 'https://kubernetes.io/docs/concepts/containers/'),
  apiRule(API.resources, ALL, 'Invalid resource requests or limits', 'Each request must be less than or equal to its limit (reported on resources.requests, as the server does); resource names must be standard (cpu, memory, ephemeral-storage, hugepages-*) or domain-prefixed; extended resources and hugepages need a limit equal to the request and whole numbers; hugepages a multiple of the page size; resources.claims must name a pod resourceClaim; pod-level resources (cpu, memory, hugepages) at least the containers\' aggregate requests.', 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'),
  apiRule(API.volumes, ALL, 'Invalid volume', 'Volume names are unique DNS-1123 labels; a volume has at most one source (none means emptyDir); hostPath needs a non-empty path without ".." (its type is checked by unsupported-value); configMap, secret and persistentVolumeClaim need their names; file modes are 0-0777; item keys and relative paths; downwardAPI items need a fieldRef or resourceFieldRef; projected sources (one kind each, serviceAccountToken expirationSeconds at least 600, no duplicate paths); csi driver names; ephemeral claim templates; nfs absolute paths. A volume with an error is not registered, so its mounts are also "Not found", as the server reports them.', 'https://kubernetes.io/docs/concepts/storage/volumes/'),
  apiRule(API.tolerations, ALL, 'Invalid toleration', 'An empty key needs operator Exists; with Exists the value must be empty; tolerationSeconds only with effect NoExecute; the key is a qualified name and an Equal value a valid label value.', 'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/'),
];

registerRules(apiRules);
