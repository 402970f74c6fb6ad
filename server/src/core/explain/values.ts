/** Value explanations that depend on the number written and on its neighbours in the document. */
import { isScalar } from '../model/yamlNodes';
import type { ParsedDoc, WorkloadKind } from '../model/workloadFile';
import { nodeAtPath, type PathSeg } from '../model/path';
import { scopeOf } from './scope';

function numberAt(doc: ParsedDoc, segs: readonly PathSeg[]): number | undefined {
  const node = nodeAtPath(doc, segs)?.node;
  if (!isScalar(node)) return undefined;
  return typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : undefined;
}

function stringAt(doc: ParsedDoc, segs: readonly PathSeg[]): string | undefined {
  const node = nodeAtPath(doc, segs)?.node;
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** `90` → "1 minute 30 seconds"; whole units only, largest first, at most two. */
export function humanSeconds(total: number): string {
  if (total === 0) return '0 seconds';
  const units: Array<[number, string]> = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  const parts: string[] = [];
  let rest = total;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n.toLocaleString('en-US')} ${name}${n === 1 ? '' : 's'}`);
      rest -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

const SECONDS_FIELDS = new Set([
  'job:ttlSecondsAfterFinished', 'job:activeDeadlineSeconds', 'cronjob:startingDeadlineSeconds',
  'pod:activeDeadlineSeconds', 'pod:terminationGracePeriodSeconds', 'pod:tolerations[].tolerationSeconds',
  'ds:minReadySeconds',
]);

/**
 * What this number means here: `backoffLimit: 4` with restartPolicy Never fails the Job at the
 * fifth failed pod; `completions: 2` with `parallelism: 2` runs both at once; seconds in words.
 */
export function computedValueNote(kind: WorkloadKind, doc: ParsedDoc, segs: readonly PathSeg[], value: unknown): string | undefined {
  const { scope, rest } = scopeOf(kind, segs);
  if (scope === 'ds' && (rest === 'updateStrategy.rollingUpdate.maxUnavailable' || rest === 'updateStrategy.rollingUpdate.maxSurge')) return rollingNote(rest.endsWith('maxSurge'), value);
  if (scope === 'container' && rest === 'image' && typeof value === 'string') return imageNote(value, stringAt(doc, [...segs.slice(0, -1), 'imagePullPolicy']));
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return undefined;
  const at = `${scope}:${rest}`;
  const parent = segs.slice(0, -1);
  if (SECONDS_FIELDS.has(at)) return value >= 60 ? `\`${value}\` seconds = ${humanSeconds(value)}.` : undefined;
  if (scope !== 'job') return undefined;
  const restartPolicy = stringAt(doc, [...parent, 'template', 'spec', 'restartPolicy']);
  const completions = numberAt(doc, [...parent, 'completions']);
  const parallelism = numberAt(doc, [...parent, 'parallelism']);
  switch (rest) {
    case 'backoffLimit':
      if (restartPolicy === 'OnFailure') {
        return value === 0
          ? '`0`: the first container restart fails the Job.'
          : `\`${value}\`: with restartPolicy OnFailure the Job fails once the containers of its running pods have restarted ${value} time${value === 1 ? '' : 's'} in total (the kubelet does the restarting; the Job controller counts).`;
      }
      return value === 0
        ? '`0`: no retries — the first failed pod fails the Job.'
        : `\`${value}\`: the first try plus up to ${value} retr${value === 1 ? 'y' : 'ies'} — the Job is marked Failed when its ${ordinal(value + 1)} pod fails.`;
    case 'completions': {
      if (value === 0) return '`0`: nothing to do — the Job completes at once without running a pod.';
      const p = parallelism ?? 1;
      if (p === 0) return `\`${value}\` successful pods needed, but parallelism 0 keeps the Job from starting any.`;
      const atOnce = Math.min(p, value);
      const waves = Math.ceil(value / p);
      const needed = `\`${value}\` successful pod${value === 1 ? '' : 's'} needed`;
      if (waves === 1) return `${needed}; with parallelism ${p} ${value === 1 ? 'it runs' : value === 2 ? 'both run' : `all ${value} run`} at once. A pod that fails is replaced by a new one, within backoffLimit.`;
      return `${needed}; with parallelism ${p}, up to ${atOnce} run at once, so at least ${waves} rounds one after another.`;
    }
    case 'parallelism': {
      if (value === 0) return '`0`: no pods run; the Job waits (like a pause) until parallelism is raised.';
      if (completions === undefined) return `\`${value}\`: up to ${value} pod${value === 1 ? '' : 's'} at once. Without completions this is a work queue: the Job is done once any pod succeeds and the rest have ended.`;
      const atOnce = Math.min(value, completions);
      return `\`${value}\`: up to ${atOnce} pod${atOnce === 1 ? '' : 's'} at once${value > completions ? ` (never more than the ${completions} completions still needed)` : ''}${atOnce < completions ? `; ${completions} completions take at least ${Math.ceil(completions / value)} rounds` : ''}.`;
    }
    default:
      return undefined;
  }
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}

/** maxUnavailable / maxSurge as the DaemonSet controller scales them: percentages of the nodes, rounded up. */
function rollingNote(surge: boolean, value: unknown): string | undefined {
  const what = surge ? 'nodes may run an old and a new pod side by side' : 'nodes may be without a ready pod';
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return value === 0 ? `\`0\`: ${surge ? 'no surge — each node’s old pod goes before its new one starts' : 'no node may be without a ready pod (needs maxSurge above 0)'}.` : `\`${value}\`: at most ${value} ${what} at a time.`;
  }
  const m = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  if (!m) return undefined;
  const pct = Number(m[1]);
  const example = [3, 10, 100].map((n) => `${Math.ceil((n * pct) / 100)} of ${n}`).join(', ');
  return `\`${value}\` of the nodes that should run this pod, rounded up (${example}): that many ${what} at a time.`;
}

/** Which image a reference names and when it is pulled: `busybox` is `docker.io/library/busybox:latest`. */
export function imageNote(image: string, pullPolicy: string | undefined): string | undefined {
  const ref = image.trim();
  if (!ref || /\s/.test(ref)) return undefined;
  const at = ref.indexOf('@');
  const path = at >= 0 ? ref.slice(0, at) : ref;
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const slash = path.lastIndexOf('/');
  const colon = path.lastIndexOf(':');
  const tag = colon > slash ? path.slice(colon + 1) : undefined;
  const name = colon > slash ? path.slice(0, colon) : path;
  const first = name.split('/')[0];
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const full = hasRegistry ? name : `docker.io/${name.includes('/') ? name : `library/${name}`}`;
  const parts: string[] = [];
  if (digest) parts.push(`\`${ref}\` is pinned to a digest: always exactly the same image.`);
  else if (!tag) parts.push(`\`${ref}\` has no tag, so \`${full}:latest\` is used — whatever \`latest\` points to when a node pulls it, which can differ from node to node.`);
  else if (tag === 'latest') parts.push(`\`${ref}\` follows \`latest\`: whatever it points to when a node pulls it, which can differ from node to node.`);
  else parts.push(`\`${ref}\` = \`${full}:${tag}\`.`);
  if (!pullPolicy) parts.push(!digest && (!tag || tag === 'latest') ? 'With no imagePullPolicy, the kubelet pulls it every time a container starts (Always).' : 'With no imagePullPolicy, the kubelet pulls it only if the node does not have it yet (IfNotPresent).');
  return parts.join(' ');
}
