// Mutations for the differential harness: each takes a manifest (plain JSON, as kubectl sends it),
// changes it in place and returns what it did, or null when it does not apply to this manifest.
// Deterministic from the PRNG they are given.
import { clone, type Step } from '../../test/helpers/k8sOracle';

type Obj = Record<string, unknown>;
export type Rand = () => number;

export interface Ctx {
  r: Rand;
  pick<T>(list: readonly T[]): T;
  int(min: number, max: number): number;
  chance(p: number): boolean;
}

export function makeCtx(r: Rand): Ctx {
  return {
    r,
    pick: (list) => list[Math.floor(r() * list.length)],
    int: (min, max) => min + Math.floor(r() * (max - min + 1)),
    chance: (p) => r() < p,
  };
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function at(root: unknown, path: readonly Step[]): unknown {
  let node = root;
  for (const s of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[s];
  }
  return node;
}

/** The map at `path`, created (with its parents) when missing; undefined when a non-map is in the way. */
function ensure(root: Obj, path: readonly Step[]): Obj | undefined {
  let node: unknown = root;
  for (const s of path) {
    const holder = node as Record<string | number, unknown>;
    if (holder[s] === undefined || holder[s] === null) holder[s] = {};
    node = holder[s];
    if (!isObj(node)) return undefined;
  }
  return node as Obj;
}

function podPath(m: Obj): Step[] {
  return m.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
}
function podMetaPath(m: Obj): Step[] {
  return m.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'metadata'] : ['spec', 'template', 'metadata'];
}
function jobSpecPath(m: Obj): Step[] | undefined {
  return m.kind === 'Job' ? ['spec'] : m.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec'] : undefined;
}
function pod(m: Obj): Obj | undefined {
  const p = at(m, podPath(m));
  return isObj(p) ? p : undefined;
}
function containers(m: Obj, c: Ctx, withInit = true): Obj[] {
  const p = pod(m);
  if (!p) return [];
  const lists = withInit && Array.isArray(p.initContainers) && c.chance(0.25) ? [p.initContainers] : [p.containers];
  return lists.flatMap((l) => (Array.isArray(l) ? l.filter(isObj) : []));
}
function container(m: Obj, c: Ctx, withInit = true): Obj | undefined {
  const list = containers(m, c, withInit);
  return list.length ? c.pick(list) : undefined;
}

/** Every path in the manifest with the value there (for type errors, removals, nulls). */
function allPaths(root: unknown, at: Step[] = [], out: { path: Step[]; value: unknown }[] = []): { path: Step[]; value: unknown }[] {
  if (at.length) out.push({ path: at, value: root });
  if (Array.isArray(root)) root.forEach((v, i) => allPaths(v, [...at, i], out));
  else if (isObj(root)) for (const k of Object.keys(root)) allPaths(root[k], [...at, k], out);
  return out;
}

function setAt(root: Obj, path: readonly Step[], value: unknown): void {
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
}
function deleteAt(root: Obj, path: readonly Step[]): void {
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
}
const show = (path: readonly Step[]) => path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').slice(1);

const BAD_DNS = ['Upper', 'under_score', '-lead', 'trail-', 'dot.ted', 'a'.repeat(64), 'x'.repeat(254), '', 'sp ace', '1234', 'ünï'];
const BAD_LABEL_KEYS = ['bad key', '-x', 'x-', 'a/b/c', '/x', 'example.com/', 'Example.COM/x', 'x'.repeat(64), `${'d'.repeat(254)}/x`, 'kubernetes.io/', 'a..b/c'];
const BAD_LABEL_VALUES = ['-v', 'v-', 'has space', 'x'.repeat(64), 'a/b', 'ü', '_v'];
const QUANTITIES = ['1.5.3', '-1', '0', '100Mi', '1e3', '1E', '0.0001', '1m', '12345678901234567890', 'abc', '1Ki', ' 1', '1 Gi', '+1', '.5', '5.', '1e-3', '100000000000000000000000'];
const DURATIONS = [-1, 0, 1, 2147483647, 2147483648, -2];

export interface Mutator {
  name: string;
  /** Relative frequency (default 1). */
  weight?: number;
  apply(m: Obj, c: Ctx): string | null;
}

export const MUTATORS: Mutator[] = [
  {
    name: 'wrong-type',
    weight: 0.5,
    apply(m, c) {
      const paths = allPaths(m).filter((p) => p.path[0] !== 'apiVersion' && p.path[0] !== 'kind');
      if (!paths.length) return null;
      const p = c.pick(paths);
      const v = p.value;
      const next =
        typeof v === 'string' ? c.pick([1, true, ['x'], { a: 1 }, 1.5])
        : typeof v === 'number' ? c.pick([String(v), 'x', true, 1.5, [v]])
        : typeof v === 'boolean' ? c.pick(['true', 'yes', 1, 'x'])
        : Array.isArray(v) ? c.pick(['x', { a: 1 }, 1, [1, 2]])
        : isObj(v) ? c.pick(['x', [], 1, true, [v]])
        : c.pick(['x', 1]);
      setAt(m, p.path, next);
      return `wrong type at ${show(p.path)}: ${JSON.stringify(next)}`;
    },
  },
  {
    name: 'remove',
    apply(m, c) {
      const paths = allPaths(m).filter((p) => p.path.length > 0 && !(p.path.length === 1 && (p.path[0] === 'apiVersion' || p.path[0] === 'kind')));
      if (!paths.length) return null;
      // Shallow fields more often: they are the required ones.
      const shallow = paths.filter((p) => p.path.length <= 6);
      const p = c.pick(shallow.length && c.chance(0.6) ? shallow : paths);
      deleteAt(m, p.path);
      return `removed ${show(p.path)}`;
    },
  },
  {
    name: 'null-or-empty',
    apply(m, c) {
      const paths = allPaths(m).filter((p) => p.path.length > 1);
      if (!paths.length) return null;
      const p = c.pick(paths);
      const v = p.value;
      const next = c.chance(0.4) ? null : typeof v === 'string' ? '' : Array.isArray(v) ? [] : isObj(v) ? {} : typeof v === 'number' ? 0 : null;
      setAt(m, p.path, next);
      return `${JSON.stringify(next)} at ${show(p.path)}`;
    },
  },
  {
    name: 'unknown-field',
    weight: 0.4,
    apply(m, c) {
      const maps = allPaths(m).filter((p) => isObj(p.value) && !['labels', 'annotations', 'nodeSelector', 'matchLabels', 'limits', 'requests', 'data'].includes(String(p.path[p.path.length - 1])));
      if (!maps.length) return null;
      const p = c.pick(maps);
      const key = c.pick(['foo', 'Name', 'restartpolicy', 'containers', 'spec', 'replicas', 'command']);
      (p.value as Obj)[key] = c.pick(['x', 1, null, {}]);
      return `field ${key} added at ${show(p.path)}`;
    },
  },
  {
    name: 'bad-name',
    apply(m, c) {
      const where = c.pick(['metadata', 'container', 'port', 'volume', 'generateName']);
      const bad = c.pick(BAD_DNS);
      if (where === 'metadata') {
        const meta = ensure(m, ['metadata']);
        if (!meta) return null;
        meta.name = bad;
        return `metadata.name ${JSON.stringify(bad)}`;
      }
      if (where === 'generateName') {
        const meta = ensure(m, ['metadata']);
        if (!meta) return null;
        if (c.chance(0.5)) delete meta.name;
        meta.generateName = c.pick(['gen-', 'Gen-', 'x'.repeat(70), 'a_b-']);
        return `metadata.generateName ${JSON.stringify(meta.generateName)}${meta.name ? '' : ' without name'}`;
      }
      if (where === 'container') {
        const ct = container(m, c);
        if (!ct) return null;
        ct.name = bad;
        return `container name ${JSON.stringify(bad)}`;
      }
      if (where === 'port') {
        const ct = container(m, c);
        if (!ct) return null;
        const ports = (Array.isArray(ct.ports) ? ct.ports : (ct.ports = [])) as Obj[];
        const name = c.pick(['http-port-too-long', 'Http', '1234', 'a--b', '-a', 'a_b', 'ok']);
        ports.push({ name, containerPort: c.pick([8080, 0, 65536, -1, 80]), ...(c.chance(0.3) ? { protocol: c.pick(['TCP', 'tcp', 'SCTP', 'HTTP']) } : {}) });
        return `port ${JSON.stringify(name)}`;
      }
      const p = pod(m);
      if (!p || !Array.isArray(p.volumes) || !p.volumes.length) return null;
      const v = c.pick(p.volumes) as Obj;
      v.name = bad;
      return `volume name ${JSON.stringify(bad)}`;
    },
  },
  {
    name: 'bad-label-annotation',
    apply(m, c) {
      const where = c.pick([['metadata', 'labels'], [...podMetaPath(m), 'labels'], ['metadata', 'annotations'], [...podMetaPath(m), 'annotations']]);
      const map = ensure(m, where);
      if (!map) return null;
      const isAnn = where[where.length - 1] === 'annotations';
      if (c.chance(0.5) || isAnn) {
        const key = c.pick(BAD_LABEL_KEYS);
        map[key] = isAnn && c.chance(0.2) ? 'x'.repeat(262145) .slice(0, 300) : 'v';
        return `${show(where)} key ${JSON.stringify(key)}`;
      }
      const keys = Object.keys(map);
      const key = keys.length ? c.pick(keys) : 'app';
      map[key] = c.pick(BAD_LABEL_VALUES);
      return `${show(where)}[${key}] value ${JSON.stringify(map[key])}`;
    },
  },
  {
    name: 'selector',
    apply(m, c) {
      const base = m.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec'] : ['spec'];
      const spec = ensure(m, base);
      if (!spec) return null;
      const sel = isObj(spec.selector) ? spec.selector : (spec.selector = {});
      const which = c.int(0, 7);
      if (which === 0) {
        const ml = isObj(sel.matchLabels) ? sel.matchLabels : (sel.matchLabels = {});
        ml[c.pick(Object.keys(ml).concat(['app']))] = 'other';
        return 'selector matchLabels no longer matches';
      }
      if (which === 1) {
        delete spec.selector;
        return 'selector removed';
      }
      if (which === 2) {
        sel.matchExpressions = [{ key: 'app', operator: c.pick(['in', 'Equals', 'Exists', 'NotIn', 'DoesNotExist']), values: c.pick([[], ['x'], undefined]) }];
        return `matchExpressions ${JSON.stringify(sel.matchExpressions)}`;
      }
      if (which === 3) {
        sel.matchLabels = {};
        return 'selector matchLabels {}';
      }
      if (which === 4) {
        sel.matchExpressions = [{ key: c.pick(BAD_LABEL_KEYS), operator: 'Exists' }];
        return 'matchExpressions bad key';
      }
      if (which === 5) {
        const ml = isObj(sel.matchLabels) ? sel.matchLabels : (sel.matchLabels = {});
        ml.app = c.pick(BAD_LABEL_VALUES);
        return 'matchLabels bad value';
      }
      if (which === 6 && m.kind !== 'DaemonSet') {
        spec.manualSelector = c.pick([true, false]);
        return `manualSelector ${spec.manualSelector}`;
      }
      const labels = ensure(m, [...podMetaPath(m), 'labels']);
      if (!labels) return null;
      for (const k of Object.keys(labels)) delete labels[k];
      return 'template labels emptied';
    },
  },
  {
    name: 'quantity',
    apply(m, c) {
      const ct = container(m, c);
      const target = c.chance(0.15) && pod(m) ? pod(m)! : ct;
      if (!target) return null;
      const res = isObj(target.resources) ? target.resources : (target.resources = {});
      const kind = c.pick(['requests', 'limits']);
      const map = isObj(res[kind]) ? (res[kind] as Obj) : (res[kind] = {}) as Obj;
      const name = c.pick(['cpu', 'memory', 'ephemeral-storage', 'hugepages-2Mi', 'nvidia.com/gpu', 'example.com/foo', 'bad name', 'storage', 'pods']);
      map[name] = c.pick(QUANTITIES);
      if (c.chance(0.3)) {
        const other = kind === 'requests' ? 'limits' : 'requests';
        const o = isObj(res[other]) ? (res[other] as Obj) : (res[other] = {}) as Obj;
        o[name] = c.pick(QUANTITIES);
      }
      return `resources.${kind}[${name}] = ${JSON.stringify(map[name])}${target === ct ? '' : ' (pod level)'}`;
    },
  },
  {
    name: 'probe-handler',
    apply(m, c) {
      const ct = container(m, c, false);
      if (!ct) return null;
      const which = c.pick(['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']);
      const handlers: Obj[] = [
        { exec: { command: ['true'] } },
        { exec: {} },
        { httpGet: { port: c.pick([8080, 0, 'http', 'Too-Long-Port-Name', 70000]), path: c.pick(['/', 'healthz', '']), ...(c.chance(0.3) ? { httpHeaders: [{ name: c.pick(['X-Ok', 'bad header', '', 'a:b']), value: 'v' }] } : {}), ...(c.chance(0.2) ? { scheme: c.pick(['HTTP', 'https', 'HTTPS']) } : {}) } },
        { tcpSocket: { port: c.pick([80, 0, 'x']) } },
        { grpc: { port: c.pick([9090, 0, -1]), ...(c.chance(0.3) ? { service: 'x' } : {}) } },
        {},
        { exec: { command: ['true'] }, tcpSocket: { port: 80 } },
        { sleep: { seconds: c.pick([1, 0, -1, 100000]) } },
      ];
      if (which === 'lifecycle') {
        const lc = isObj(ct.lifecycle) ? ct.lifecycle : (ct.lifecycle = {});
        const hook = c.pick(['preStop', 'postStart']);
        lc[hook] = clone(c.pick(handlers));
        if (c.chance(0.2)) lc.stopSignal = c.pick(['SIGTERM', 'SIGKILL', 'TERM', 'SIGUSR1']);
        return `lifecycle.${hook} ${JSON.stringify(lc[hook])}${lc.stopSignal ? ` stopSignal ${lc.stopSignal}` : ''}`;
      }
      const probe = clone(c.pick(handlers).sleep ? handlers[0] : c.pick(handlers)) as Obj;
      if (c.chance(0.5)) {
        const f = c.pick(['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds']);
        probe[f] = c.pick([-1, 0, 2, 3]);
      }
      ct[which] = probe;
      return `${which} ${JSON.stringify(probe)}`;
    },
  },
  {
    name: 'env',
    apply(m, c) {
      const ct = container(m, c);
      if (!ct) return null;
      const env = (Array.isArray(ct.env) ? ct.env : (ct.env = [])) as Obj[];
      const shapes: Obj[] = [
        { name: c.pick(['OK', '1ABC', 'has space', 'a=b', '', 'x.y', 'ü']), value: 'v' },
        { name: 'X', value: 'v', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'X', valueFrom: {} },
        { name: 'X', valueFrom: { fieldRef: { fieldPath: c.pick(['metadata.name', 'spec.nodeName', 'status.podIP', 'spec.foo', 'metadata.labels', "metadata.labels['app']", 'metadata.annotations[bad key]', 'status.hostIPs', 'status.podIPs']), ...(c.chance(0.3) ? { apiVersion: c.pick(['v1', 'v2', 'apps/v1']) } : {}) } } },
        { name: 'X', valueFrom: { resourceFieldRef: { resource: c.pick(['limits.cpu', 'requests.memory', 'cpu', 'limits.foo', 'requests.hugepages-2Mi']), ...(c.chance(0.3) ? { divisor: c.pick(['1m', '3', '1Mi', 'x']) } : {}), ...(c.chance(0.3) ? { containerName: c.pick(['nope', ct.name]) } : {}) } } },
        { name: 'X', valueFrom: { secretKeyRef: { name: c.pick(['s', '', 'Bad_Name']), key: c.pick(['k', '', 'bad/key', '..']) } } },
        { name: 'X', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' }, secretKeyRef: { name: 's', key: 'k' } } },
        { name: 'X', valueFrom: { fileKeyRef: { volumeName: 'v', path: 'p', key: 'K' } } },
      ];
      if (c.chance(0.15)) {
        ct.envFrom = [{ prefix: c.pick(['OK_', '1', 'a=b', '']), ...(c.chance(0.5) ? { configMapRef: { name: c.pick(['c', '', 'Bad']) } } : c.chance(0.5) ? { secretRef: { name: 's' } } : {}) }];
        return `envFrom ${JSON.stringify(ct.envFrom)}`;
      }
      const e = clone(c.pick(shapes));
      env.push(e);
      return `env ${JSON.stringify(e)}`;
    },
  },
  {
    name: 'security-context',
    apply(m, c) {
      const podLevel = c.chance(0.4);
      const target = podLevel ? pod(m) : container(m, c);
      if (!target) return null;
      const sc = isObj(target.securityContext) ? target.securityContext : (target.securityContext = {});
      const options: [string, unknown][] = [
        ['runAsUser', c.pick([-1, 0, 1000, 2147483648])],
        ['runAsGroup', c.pick([-1, 1000])],
        ['runAsNonRoot', c.pick([true, 'true'])],
        ['seccompProfile', c.pick([{ type: 'Localhost' }, { type: 'Localhost', localhostProfile: 'p.json' }, { type: 'RuntimeDefault', localhostProfile: 'x' }, { type: 'Bogus' }, {}])],
        ['appArmorProfile', c.pick([{ type: 'Localhost' }, { type: 'Localhost', localhostProfile: 'k8s-x' }, { type: 'Unconfined' }, { type: 'RuntimeDefault', localhostProfile: 'x' }])],
        ['seLinuxOptions', c.pick([{ level: 's0:c123,c456' }, { type: 'spc_t' }, { user: 'x y' }])],
        ['windowsOptions', c.pick([{ hostProcess: true }, { hostProcess: false }, { runAsUserName: 'x'.repeat(300) }, { gmsaCredentialSpecName: 'Bad_Name' }])],
      ];
      if (podLevel) {
        options.push(
          ['fsGroup', c.pick([-1, 2000])],
          ['fsGroupChangePolicy', c.pick(['Always', 'OnRootMismatch', 'Sometimes'])],
          ['sysctls', [{ name: c.pick(['net.core.somaxconn', 'kernel.shm_rmid_forced', 'bad name', 'net/ipv4/ip_forward', 'kernel.msgmax', '']), value: '1' }]],
          ['supplementalGroups', c.pick([[1, 2], [-1]])],
          ['supplementalGroupsPolicy', c.pick(['Merge', 'Strict', 'Loose'])],
          ['seLinuxChangePolicy', c.pick(['MountOption', 'Recursive', 'Never'])],
        );
      } else {
        options.push(
          ['privileged', c.pick([true, false])],
          ['allowPrivilegeEscalation', false],
          ['capabilities', c.pick([{ add: ['SYS_ADMIN'] }, { drop: ['ALL'] }, { add: ['bad cap'] }, { add: [''] }])],
          ['procMount', c.pick(['Unmasked', 'Default', 'Weird'])],
          ['readOnlyRootFilesystem', true],
        );
      }
      const [k, v] = c.pick(options);
      sc[k] = clone(v);
      if (k === 'sysctls' && c.chance(0.5)) (target as Obj).hostNetwork = true;
      const p = pod(m);
      if (k === 'procMount' && p && c.chance(0.5)) p.hostUsers = false;
      if (k === 'privileged' && sc.privileged && c.chance(0.5)) sc.allowPrivilegeEscalation = false;
      return `${podLevel ? 'pod' : 'container'} securityContext.${k} ${JSON.stringify(v)}`;
    },
  },
  {
    name: 'topology-spread',
    apply(m, c) {
      const p = pod(m);
      if (!p) return null;
      const tsc: Obj = {
        maxSkew: c.pick([1, 0, -1, 2]),
        topologyKey: c.pick(['kubernetes.io/hostname', '', 'bad key', 'topology.kubernetes.io/zone']),
        whenUnsatisfiable: c.pick(['DoNotSchedule', 'ScheduleAnyway', 'Never']),
      };
      if (c.chance(0.6)) tsc.labelSelector = c.pick([{ matchLabels: { app: 'x' } }, { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }]);
      if (c.chance(0.3)) tsc.minDomains = c.pick([0, 1, 3, -1]);
      if (c.chance(0.3)) tsc.matchLabelKeys = c.pick([['app'], ['pod-template-hash'], ['bad key'], ['app', 'app']]);
      if (c.chance(0.2)) tsc.nodeAffinityPolicy = c.pick(['Honor', 'Ignore', 'Maybe']);
      if (c.chance(0.2)) tsc.nodeTaintsPolicy = c.pick(['Honor', 'Ignore', 'Maybe']);
      const list = (Array.isArray(p.topologySpreadConstraints) ? p.topologySpreadConstraints : (p.topologySpreadConstraints = [])) as Obj[];
      list.push(tsc);
      if (c.chance(0.15)) list.push(clone(tsc));
      return `topologySpreadConstraints ${JSON.stringify(tsc)}${list.length > 1 ? ` (${list.length})` : ''}`;
    },
  },
  {
    name: 'affinity',
    apply(m, c) {
      const p = pod(m);
      if (!p) return null;
      const which = c.int(0, 4);
      const expr = () => ({ key: c.pick(['kubernetes.io/os', 'bad key', '', 'zone']), operator: c.pick(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'in']), values: c.pick([['linux'], [], ['1', '2'], ['abc'], undefined, ['3']]) });
      let aff: Obj;
      if (which === 0) aff = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: c.pick([[], [{}], [{ matchExpressions: [expr()] }], [{ matchFields: [{ key: c.pick(['metadata.name', 'metadata.labels']), operator: c.pick(['In', 'Exists']), values: c.pick([['n1'], ['a', 'b'], []]) }] }]]) } } };
      else if (which === 1) aff = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: c.pick([0, 1, 100, 101, -1]), preference: { matchExpressions: [expr()] } }] } };
      else if (which === 2) aff = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: c.pick(['kubernetes.io/hostname', '', 'bad key']), labelSelector: c.pick([{ matchLabels: { app: 'x' } }, { matchExpressions: [expr()] }, undefined]), ...(c.chance(0.3) ? { matchLabelKeys: ['app'] } : {}), ...(c.chance(0.2) ? { namespaces: ['Bad_NS'] } : {}) }] } };
      else if (which === 3) aff = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: c.pick([0, 50, 101]), podAffinityTerm: { topologyKey: c.pick(['zone', '']), labelSelector: { matchLabels: { app: 'x' } } } }] } };
      else aff = { nodeAffinity: {} };
      p.affinity = JSON.parse(JSON.stringify(aff));
      return `affinity ${JSON.stringify(aff)}`;
    },
  },
  {
    name: 'tolerations',
    apply(m, c) {
      const p = pod(m);
      if (!p) return null;
      const t: Obj = {};
      if (c.chance(0.8)) t.key = c.pick(['node-role.kubernetes.io/control-plane', '', 'bad key', 'CriticalAddonsOnly', 'a/b/c']);
      if (c.chance(0.7)) t.operator = c.pick(['Exists', 'Equal', 'exists', 'Lt', 'Gt']);
      if (c.chance(0.5)) t.value = c.pick(['x', '', 'bad value!', '5']);
      if (c.chance(0.6)) t.effect = c.pick(['NoSchedule', 'NoExecute', 'PreferNoSchedule', 'Never', '']);
      if (c.chance(0.3)) t.tolerationSeconds = c.pick([0, 60, -1]);
      const list = (Array.isArray(p.tolerations) ? p.tolerations : (p.tolerations = [])) as Obj[];
      list.push(t);
      return `toleration ${JSON.stringify(t)}`;
    },
  },
  {
    name: 'volumes',
    apply(m, c) {
      const p = pod(m);
      if (!p) return null;
      const volumes = (Array.isArray(p.volumes) ? p.volumes : (p.volumes = [])) as Obj[];
      const ct = container(m, c);
      const which = c.int(0, 7);
      if (which === 0 && ct) {
        const mounts = (Array.isArray(ct.volumeMounts) ? ct.volumeMounts : (ct.volumeMounts = [])) as Obj[];
        const mount: Obj = { name: c.pick(['missing', ...volumes.map((v) => String(v.name))]), mountPath: c.pick(['/data', '', 'relative', '/data', '/var/run']) };
        if (c.chance(0.3)) mount.subPath = c.pick(['a', '/abs', '../up', 'ok/x']);
        if (c.chance(0.2)) mount.mountPropagation = c.pick(['Bidirectional', 'HostToContainer', 'None', 'Both']);
        if (c.chance(0.2)) mount.recursiveReadOnly = c.pick(['Enabled', 'IfPossible', 'Disabled', 'Maybe']);
        if (c.chance(0.2)) mount.readOnly = c.pick([true, false]);
        if (c.chance(0.1)) mount.subPathExpr = '$(POD)';
        mounts.push(mount);
        return `volumeMount ${JSON.stringify(mount)}`;
      }
      if (which === 1 && volumes.length) {
        volumes.push(clone(c.pick(volumes)));
        return 'duplicate volume';
      }
      const sources: Obj[] = [
        { hostPath: { path: c.pick(['/var/log', '', 'rel', '/a/../b']), ...(c.chance(0.5) ? { type: c.pick(['Directory', 'DirectoryOrCreate', 'Socket', 'Weird', '']) } : {}) } },
        { emptyDir: c.pick([{}, { sizeLimit: c.pick(['1Gi', '-1', 'x']) }, { medium: c.pick(['Memory', 'HugePages', 'disk', 'HugePages-2Mi']) }]) },
        { configMap: { name: c.pick(['c', '', 'Bad_Name']), ...(c.chance(0.4) ? { items: [{ key: c.pick(['k', '']), path: c.pick(['p', '../x', '/abs', '', 'a/..']) }] } : {}), ...(c.chance(0.3) ? { defaultMode: c.pick([420, 511, 512, -1, 0o777]) } : {}) } },
        { secret: { secretName: c.pick(['s', '', 'Bad']), ...(c.chance(0.3) ? { defaultMode: c.pick([256, 4096]) } : {}) } },
        { projected: { sources: c.pick([[], [{}], [{ serviceAccountToken: { path: 't', expirationSeconds: c.pick([600, 3600, 100, 4294967296]) } }], [{ configMap: { name: 'c' }, secret: { name: 's' } }]]) } },
        {},
        { emptyDir: {}, hostPath: { path: '/x' } },
        { persistentVolumeClaim: { claimName: c.pick(['pvc', '']) } },
        { downwardAPI: { items: [{ path: c.pick(['labels', '..', '']), fieldRef: { fieldPath: c.pick(['metadata.labels', 'spec.nodeName', 'metadata.name']) } }] } },
        { image: { reference: c.pick(['busybox', '']), pullPolicy: c.pick(['Always', 'IfNotPresent', 'Sometimes']) } },
        { csi: { driver: c.pick(['csi.example.com', '', 'Bad Driver']) } },
        { ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } },
      ];
      const v: Obj = { name: c.pick(['vol-x', 'Bad_Vol', '', 'vol-x']), ...clone(c.pick(sources)) };
      volumes.push(v);
      return `volume ${JSON.stringify(v)}`;
    },
  },
  {
    name: 'restart-policy',
    apply(m, c) {
      const p = pod(m);
      if (!p) return null;
      if (c.chance(0.4)) {
        const useInit = c.chance(0.6);
        const list = (useInit ? (Array.isArray(p.initContainers) ? p.initContainers : (p.initContainers = [{ name: 'init', image: 'busybox' }])) : p.containers) as Obj[];
        if (!Array.isArray(list) || !list.length) return null;
        const ct = c.pick(list);
        ct.restartPolicy = c.pick(['Always', 'Never', 'OnFailure', 'always']);
        if (c.chance(0.2)) ct.restartPolicyRules = [{ action: c.pick(['Restart', 'Stop']), exitCodes: { operator: c.pick(['In', 'NotIn']), values: [42] } }];
        return `${useInit ? 'init ' : ''}container restartPolicy ${ct.restartPolicy}${ct.restartPolicyRules ? ` restartPolicyRules ${JSON.stringify(ct.restartPolicyRules)}` : ''}`;
      }
      p.restartPolicy = c.pick(['Always', 'OnFailure', 'Never', 'never', '']);
      return `restartPolicy ${JSON.stringify(p.restartPolicy)}`;
    },
  },
  {
    name: 'counts-deadlines',
    apply(m, c) {
      const js = jobSpecPath(m);
      const p = podPath(m);
      const choices: [Step[], unknown][] = [
        [[...p, 'terminationGracePeriodSeconds'], c.pick(DURATIONS)],
        [[...p, 'activeDeadlineSeconds'], c.pick(DURATIONS)],
        [['spec', 'revisionHistoryLimit'], c.pick([-1, 0, 10])],
      ];
      if (js) {
        choices.push(
          [[...js, 'completions'], c.pick([-1, 0, 1, 5, 100001])],
          [[...js, 'parallelism'], c.pick([-1, 0, 2, 100001])],
          [[...js, 'backoffLimit'], c.pick([-1, 0, 6, 2147483647])],
          [[...js, 'activeDeadlineSeconds'], c.pick(DURATIONS)],
          [[...js, 'ttlSecondsAfterFinished'], c.pick([-1, 0, 100])],
          [[...js, 'suspend'], c.pick([true, false])],
        );
      }
      if (m.kind === 'CronJob') {
        choices.push(
          [['spec', 'startingDeadlineSeconds'], c.pick([-1, 0, 10])],
          [['spec', 'successfulJobsHistoryLimit'], c.pick([-1, 0, 3])],
          [['spec', 'failedJobsHistoryLimit'], c.pick([-1, 1])],
          [['spec', 'concurrencyPolicy'], c.pick(['Allow', 'Forbid', 'Replace', 'allow', ''])],
          [['spec', 'suspend'], c.pick([true, false])],
        );
        choices.splice(2, 1);
      }
      if (m.kind === 'DaemonSet') {
        choices.push(
          [['spec', 'minReadySeconds'], c.pick([-1, 0, 10])],
          [['spec', 'updateStrategy'], c.pick([{ type: 'OnDelete' }, { type: 'Recreate' }, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: c.pick([0, '0%', 1, '110%', 'abc', '50%', -1]), maxSurge: c.pick([0, 1, '10%', undefined]) } }, { type: 'OnDelete', rollingUpdate: { maxUnavailable: 1 } }])],
        );
      }
      const [path, v] = c.pick(choices);
      const parent = ensure(m, path.slice(0, -1));
      if (!parent) return null;
      parent[path[path.length - 1] as string] = JSON.parse(JSON.stringify(v ?? null));
      return `${show(path)} = ${JSON.stringify(v)}`;
    },
  },
  {
    name: 'job-modes',
    apply(m, c) {
      const js = jobSpecPath(m);
      if (!js) return null;
      const spec = ensure(m, js);
      if (!spec) return null;
      const which = c.int(0, 5);
      if (which === 0) {
        spec.completionMode = c.pick(['Indexed', 'NonIndexed', 'indexed']);
        if (c.chance(0.5)) delete spec.completions;
        if (c.chance(0.3)) delete spec.parallelism;
        return `completionMode ${spec.completionMode}${spec.completions === undefined ? ' without completions' : ''}`;
      }
      if (which === 1) {
        spec.backoffLimitPerIndex = c.pick([1, 0, -1]);
        if (c.chance(0.5)) spec.maxFailedIndexes = c.pick([1, 10, -1, 200000]);
        if (c.chance(0.6)) (spec.completionMode = 'Indexed'), (spec.completions ??= c.pick([3, 5]));
        return `backoffLimitPerIndex ${spec.backoffLimitPerIndex} maxFailedIndexes ${spec.maxFailedIndexes} mode ${spec.completionMode}`;
      }
      if (which === 2) {
        const rule: Obj = { action: c.pick(['FailJob', 'Ignore', 'Count', 'FailIndex', 'Retry']) };
        if (c.chance(0.6)) rule.onExitCodes = { operator: c.pick(['In', 'NotIn', 'Equals']), values: c.pick([[1], [0], [1, 1], [2, 1], []]), ...(c.chance(0.3) ? { containerName: c.pick(['nope', 'main']) } : {}) };
        if (c.chance(0.5) || !rule.onExitCodes) rule.onPodConditions = c.pick([[{ type: 'DisruptionTarget' }], [{ type: 'DisruptionTarget', status: 'Maybe' }], [], [{ type: 'bad type' }]]);
        spec.podFailurePolicy = { rules: [rule] };
        const p = ensure(m, podPath(m));
        if (p && c.chance(0.5)) p.restartPolicy = c.pick(['Never', 'OnFailure']);
        return `podFailurePolicy ${JSON.stringify(rule)}`;
      }
      if (which === 3) {
        const rule: Obj = {};
        if (c.chance(0.7)) rule.succeededIndexes = c.pick(['0-2', '1,3', '3-1', 'x', '0-100', '']);
        if (c.chance(0.6)) rule.succeededCount = c.pick([1, 0, -1, 100]);
        spec.successPolicy = { rules: c.pick([[rule], []]) };
        if (c.chance(0.6)) (spec.completionMode = 'Indexed'), (spec.completions ??= 5);
        return `successPolicy ${JSON.stringify(spec.successPolicy)} mode ${spec.completionMode}`;
      }
      if (which === 4) {
        spec.podReplacementPolicy = c.pick(['Failed', 'TerminatingOrFailed', 'Always']);
        if (c.chance(0.4)) spec.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
        return `podReplacementPolicy ${spec.podReplacementPolicy}`;
      }
      spec.managedBy = c.pick(['kubernetes.io/job-controller', 'example.com/custom', 'not-a-domain', 'kueue.x-k8s.io/multikueue', '', 'x'.repeat(70)]);
      return `managedBy ${JSON.stringify(spec.managedBy)}`;
    },
  },
  {
    name: 'cron',
    apply(m, c) {
      if (m.kind !== 'CronJob') return null;
      const spec = ensure(m, ['spec']);
      if (!spec) return null;
      if (c.chance(0.6)) {
        spec.schedule = c.pick(['* * *', '61 * * * *', '*/0 * * * *', '@every 1h', '@hourly', '@yearly', 'TZ=UTC 0 * * * *', 'CRON_TZ=Mars/Olympus 0 * * * *', '0 0 31 2 *', '0 0 * * 7', '0 0 * * MON-FRI', '0 0 ? * *', '* */6 * * *', '0 0 1-40 * *', '', '0 0 * JAN-DEC *', '@reboot', '5 4 * * sun', '0 0 0 * *']);
        return `schedule ${JSON.stringify(spec.schedule)}`;
      }
      spec.timeZone = c.pick(['Etc/UTC', 'Europe/Berlin', 'Mars/Phobos', 'Local', ' UTC', 'utc', '', 'America/Argentina/Buenos_Aires', 'EST5EDT', 'Asia/Kolkata']);
      return `timeZone ${JSON.stringify(spec.timeZone)}`;
    },
  },
  {
    name: 'duplicates',
    apply(m, c) {
      const p = pod(m);
      if (!p || !Array.isArray(p.containers) || !p.containers.length) return null;
      const which = c.int(0, 3);
      const first = p.containers[0] as Obj;
      if (which === 0) {
        p.containers.push({ ...clone(first), ports: undefined });
        delete (p.containers[p.containers.length - 1] as Obj).ports;
        return 'duplicate container';
      }
      if (which === 1) {
        p.initContainers = [{ name: first.name, image: 'busybox' }];
        return 'init container with the name of a container';
      }
      if (which === 2) {
        const ports = (Array.isArray(first.ports) ? first.ports : (first.ports = [{ containerPort: 80, name: 'p' }])) as Obj[];
        ports.push({ ...clone(ports[0]), ...(c.chance(0.5) ? { containerPort: 81 } : {}) });
        return 'duplicate port';
      }
      const env = (Array.isArray(first.env) ? first.env : (first.env = [{ name: 'A', value: '1' }])) as Obj[];
      env.push(clone(env[0]));
      return 'duplicate env';
    },
  },
  {
    name: 'container-fields',
    apply(m, c) {
      const ct = container(m, c);
      if (!ct) return null;
      const options: [string, unknown][] = [
        ['image', c.pick(['', ' busybox', 'busybox ', 'Busybox:Latest'])],
        ['imagePullPolicy', c.pick(['Always', 'always', 'Sometimes', ''])],
        ['terminationMessagePolicy', c.pick(['File', 'FallbackToLogsOnError', 'Bogus'])],
        ['terminationMessagePath', c.pick(['', '/dev/termination-log', 'rel'])],
        ['workingDir', c.pick(['rel/dir', '/abs'])],
        ['stdinOnce', true],
        ['resizePolicy', [{ resourceName: c.pick(['cpu', 'memory', 'gpu']), restartPolicy: c.pick(['NotRequired', 'RestartContainer', 'Never']) }]],
        ['ports', [{ containerPort: c.pick([80, 0, 65536]), hostPort: c.pick([80, 0, 70000, undefined]), hostIP: c.pick(['0.0.0.0', 'bad', undefined]), protocol: c.pick(['TCP', 'UDP', 'HTTP', undefined]) }]],
      ];
      const [k, v] = c.pick(options);
      ct[k] = JSON.parse(JSON.stringify(v));
      return `container ${k} ${JSON.stringify(v)}`;
    },
  },
  {
    name: 'pod-fields',
    apply(m, c) {
      const p = pod(m);
      if (!p) return null;
      const options: [string, unknown][] = [
        ['dnsPolicy', c.pick(['ClusterFirst', 'ClusterFirstWithHostNet', 'None', 'Default', 'clusterfirst'])],
        ['dnsConfig', c.pick([{ nameservers: ['1.1.1.1'] }, { nameservers: ['bad'] }, { options: [{ name: '' }] }, { searches: ['Bad_Domain'] }, {}])],
        ['hostNetwork', c.pick([true, false])],
        ['hostPID', true],
        ['shareProcessNamespace', true],
        ['hostUsers', c.pick([true, false])],
        ['priorityClassName', c.pick(['system-node-critical', 'Bad_Name', ''])],
        ['priority', c.pick([1000, -1])],
        ['serviceAccountName', c.pick(['default', 'Bad_SA', ''])],
        ['automountServiceAccountToken', c.pick([true, false])],
        ['nodeName', c.pick(['node-1', 'Bad_Node'])],
        ['nodeSelector', c.pick([{ 'kubernetes.io/os': 'windows' }, { 'bad key': 'v' }, { a: 'bad value!' }])],
        ['hostname', c.pick(['host', 'Bad_Host'])],
        ['subdomain', c.pick(['sub', 'Bad.Sub'])],
        ['os', c.pick([{ name: 'windows' }, { name: 'linux' }, { name: 'mac' }])],
        ['hostAliases', [{ ip: c.pick(['10.0.0.1', 'bad']), hostnames: c.pick([['a'], ['Bad_Host']]) }]],
        ['imagePullSecrets', [{ name: c.pick(['s', '']) }]],
        ['schedulingGates', [{ name: c.pick(['example.com/gate', 'bad gate']) }]],
        ['readinessGates', [{ conditionType: c.pick(['example.com/ready', 'bad type']) }]],
        ['runtimeClassName', c.pick(['gvisor', 'Bad_RC'])],
        ['preemptionPolicy', c.pick(['Never', 'PreemptLowerPriority', 'Sometimes'])],
        ['overhead', { cpu: '100m' }],
        ['resourceClaims', [{ name: c.pick(['gpu', 'Bad']), resourceClaimName: 'c' }]],
        ['enableServiceLinks', c.pick([true, 'no'])],
        ['setHostnameAsFQDN', true],
      ];
      const [k, v] = c.pick(options);
      p[k] = JSON.parse(JSON.stringify(v));
      if (k === 'os' && c.chance(0.5)) {
        const ct = container(m, c);
        if (ct) ct.securityContext = { seLinuxOptions: { type: 'spc_t' } };
      }
      return `pod ${k} ${JSON.stringify(v)}`;
    },
  },
  {
    name: 'metadata',
    apply(m, c) {
      const meta = ensure(m, ['metadata']);
      if (!meta) return null;
      const options: [string, unknown][] = [
        ['namespace', c.pick(['kube-system', 'Bad_NS', '', 'x'.repeat(64)])],
        ['finalizers', c.pick([['example.com/f'], ['bad'], ['kubernetes.io/x'], ['a/b/c'], ['foregroundDeletion'], ['example.com/f', 'example.com/f']])],
        ['ownerReferences', [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: c.pick(['', 'u']) }]],
        ['uid', 'x'],
        ['resourceVersion', '1'],
        ['creationTimestamp', c.pick([null, '2024-01-01T00:00:00Z'])],
        ['deletionGracePeriodSeconds', 10],
      ];
      const [k, v] = c.pick(options);
      meta[k] = JSON.parse(JSON.stringify(v));
      return `metadata.${k} ${JSON.stringify(v)}`;
    },
  },
];

/** 1–3 mutations; returns their descriptions (empty when none applied). */
export function mutate(m: Obj, c: Ctx): string[] {
  const count = c.int(1, 3);
  const done: string[] = [];
  for (let tries = 0; done.length < count && tries < 20; tries++) {
    const mut = pickWeighted(c);
    const before = clone(m);
    let what: string | null;
    try {
      what = mut.apply(m, c);
    } catch {
      // An earlier mutation left a shape this one does not expect (a string where a map was): undo, try another.
      for (const k of Object.keys(m)) delete m[k];
      Object.assign(m, before);
      what = null;
    }
    if (what) done.push(`${mut.name}: ${what}`);
  }
  return done;
}

const TOTAL_WEIGHT = MUTATORS.reduce((a, m) => a + (m.weight ?? 1), 0);

function pickWeighted(c: Ctx): Mutator {
  let x = c.r() * TOTAL_WEIGHT;
  for (const m of MUTATORS) {
    x -= m.weight ?? 1;
    if (x < 0) return m;
  }
  return MUTATORS[MUTATORS.length - 1];
}
