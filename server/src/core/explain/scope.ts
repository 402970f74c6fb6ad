import type { PathSeg } from '../model/path';

/**
 * Where a field sits, in words the explanations are keyed by: the innermost "scope" object that
 * holds it and the rest of the path from there, with list indices written `[]`.
 *
 * Scopes: `root` (the object), `meta` (any ObjectMeta), `ds` (a DaemonSet spec), `job` (a Job spec,
 * also a CronJob's jobTemplate.spec), `cronjob` (a CronJob spec), `template` (a pod template),
 * `pod` (a pod spec), `container` (a container, init container or ephemeral container).
 */
export type Scope = 'root' | 'meta' | 'ds' | 'job' | 'cronjob' | 'template' | 'pod' | 'container';

export interface ScopedPath {
  scope: Scope;
  /** Path inside the scope, e.g. `tolerations[].operator`; '' for the scope itself. */
  rest: string;
  /** The last field name (not index) of the path, if any. */
  field?: string;
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

interface Anchor {
  scope: Scope;
  segs: readonly PathSeg[];
}

function anchors(kind: string | undefined): Anchor[] {
  const list: Anchor[] = [{ scope: 'root', segs: [] }, { scope: 'meta', segs: ['metadata'] }];
  let templateAt: PathSeg[] | undefined;
  if (kind === 'DaemonSet') {
    list.push({ scope: 'ds', segs: ['spec'] });
    templateAt = ['spec', 'template'];
  } else if (kind === 'Job') {
    list.push({ scope: 'job', segs: ['spec'] });
    templateAt = ['spec', 'template'];
  } else if (kind === 'CronJob') {
    list.push({ scope: 'cronjob', segs: ['spec'] });
    list.push({ scope: 'meta', segs: ['spec', 'jobTemplate', 'metadata'] });
    list.push({ scope: 'job', segs: ['spec', 'jobTemplate', 'spec'] });
    templateAt = ['spec', 'jobTemplate', 'spec', 'template'];
  }
  if (templateAt) {
    list.push({ scope: 'template', segs: templateAt });
    list.push({ scope: 'meta', segs: [...templateAt, 'metadata'] });
    list.push({ scope: 'pod', segs: [...templateAt, 'spec'] });
  }
  return list;
}

function startsWith(segs: readonly PathSeg[], prefix: readonly PathSeg[]): boolean {
  if (prefix.length > segs.length) return false;
  return prefix.every((p, i) => p === segs[i]);
}

export function genericPath(segs: readonly PathSeg[]): string {
  let out = '';
  for (const seg of segs) {
    if (typeof seg === 'number') out += '[]';
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** The innermost scope holding `segs` in a document of `kind`. */
export function scopeOf(kind: string | undefined, segs: readonly PathSeg[]): ScopedPath {
  let best: Anchor = { scope: 'root', segs: [] };
  for (const anchor of anchors(kind)) {
    if (startsWith(segs, anchor.segs) && anchor.segs.length >= best.segs.length) best = anchor;
  }
  let rest = segs.slice(best.segs.length);
  let scope = best.scope;
  if (scope === 'pod' && rest.length >= 2 && typeof rest[0] === 'string' && CONTAINER_LISTS.has(rest[0]) && typeof rest[1] === 'number') {
    scope = 'container';
    rest = rest.slice(2);
  }
  const field = [...segs].reverse().find((s): s is string => typeof s === 'string');
  return { scope, rest: genericPath(rest), field };
}
