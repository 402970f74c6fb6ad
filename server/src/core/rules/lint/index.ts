import { isScalar } from '../../model/yamlNodes';
import { registerRules, type Rule, type RuleContext } from '../registry';
import type { CoreFix } from '../../diagnostics';
import type { ParsedDoc, WorkloadKind } from '../../model/workloadFile';
import { nodeAtPath, nodeRange, type PathSeg } from '../../model/path';
import { plainOf, arr, has, isObj, obj, str, type Plain, type PlainMap } from '../api/value';
import { eolOf, insertIntoMap, rangeFor } from '../api/place';
import { kubePath } from '../../schema';

/** Where the pod spec sits in each kind. */
export function podSpecSegs(kind: WorkloadKind): PathSeg[] {
  return kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
}

function podSpecOf(doc: ParsedDoc, kind: WorkloadKind): PlainMap | undefined {
  let v: Plain | undefined = plainOf(doc);
  for (const s of podSpecSegs(kind)) v = isObj(v) ? v[s as string] : undefined;
  return isObj(v) ? v : undefined;
}

interface ContainerRef {
  c: PlainMap;
  segs: PathSeg[];
  name: string;
}

/** Regular containers and sidecars (init containers with restartPolicy Always): the ones that keep running. */
function runningContainers(doc: ParsedDoc, kind: WorkloadKind, withInit = false): ContainerRef[] {
  const spec = podSpecOf(doc, kind);
  const base = podSpecSegs(kind);
  const out: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers']) {
    (arr(spec, field) ?? []).forEach((c, i) => {
      if (!isObj(c)) return;
      if (field === 'initContainers' && !withInit && str(c, 'restartPolicy') !== 'Always') return;
      out.push({ c, segs: [...base, field, i], name: str(c, 'name') ?? `#${i}` });
    });
  }
  return out;
}

function reportAt(ctx: RuleContext, segs: PathSeg[], message: string, key = false, fixes?: CoreFix[]): void {
  const r = rangeFor(ctx.doc, segs, key);
  if (!r) return;
  ctx.report({ start: r[0], end: r[1], message, path: kubePath(ctx.kind, segs), ...(fixes?.length ? { fixes } : {}) });
}


const ALL: readonly WorkloadKind[] = ['DaemonSet', 'Job', 'CronJob'];

const noResources: Rule = {
  id: 'lint-no-resources',
  kinds: ALL,
  category: 'lint',
  severity: 'warning',
  title: 'No resource requests or limits',
  description: 'A container without resources.requests gets no CPU or memory reserved by the scheduler (it is BestEffort and the first to be evicted), and without limits it can use all of a node\'s CPU and memory. For a DaemonSet this happens on every node.',
  docs: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  check(ctx) {
    for (const ref of runningContainers(ctx.doc, ctx.kind)) {
      const res = obj(ref.c, 'resources');
      const hasReq = isObj(res?.requests) && Object.keys(res.requests).length > 0;
      const hasLim = isObj(res?.limits) && Object.keys(res.limits).length > 0;
      if (hasReq || hasLim) continue;
      const where = ctx.kind === 'DaemonSet' ? ' This pod runs on every node it fits.' : '';
      reportAt(ctx, [...ref.segs, 'name'], `Container "${ref.name}" sets no resource requests or limits: the scheduler reserves nothing for it (QoS BestEffort, evicted first) and it may use all of a node's CPU and memory.${where}`);
    }
  },
};

/** The tag of an image reference (undefined when none), ignoring a registry port; digests count as pinned. */
export function imageTag(image: string): { tag?: string; digest: boolean } {
  const at = image.indexOf('@');
  if (at >= 0) return { digest: true };
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return { tag: colon >= 0 ? image.slice(colon + 1) : undefined, digest: false };
}

const imageTagRule: Rule = {
  id: 'lint-image-tag',
  kinds: ALL,
  category: 'lint',
  severity: 'warning',
  title: 'Image without a tag or with :latest',
  description: 'An image without a tag means :latest. Which build runs then depends on when each node pulled it, and with the default imagePullPolicy (Always for :latest) every pod start pulls again. Pin a version tag or a digest.',
  docs: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  check(ctx) {
    for (const ref of runningContainers(ctx.doc, ctx.kind, true)) {
      const image = str(ref.c, 'image');
      if (!image) continue;
      const { tag, digest } = imageTag(image);
      if (digest) continue;
      if (tag === undefined) reportAt(ctx, [...ref.segs, 'image'], `Image "${image}" has no tag, so it means "${image}:latest": which build runs depends on when each node pulled it. Pin a version tag (or a digest).`);
      else if (tag === 'latest') reportAt(ctx, [...ref.segs, 'image'], `Image "${image}" uses the :latest tag: which build runs depends on when each node pulled it. Pin a version tag (or a digest).`);
    }
  },
};

const relativeCommand: Rule = {
  id: 'lint-relative-command',
  kinds: ALL,
  category: 'lint',
  severity: 'warning',
  title: 'Relative executable path in command',
  description: 'command[0] such as "bin/sh" contains a slash but does not start with one, so the runtime resolves it against the container\'s working directory, not $PATH. It works only while the image\'s working directory is "/" (as busybox\'s is); an image with another WORKDIR fails with "no such file or directory". The fix makes it absolute.',
  docs: 'https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/',
  check(ctx) {
    for (const ref of runningContainers(ctx.doc, ctx.kind, true)) {
      const command = arr(ref.c, 'command');
      const first = command?.[0];
      if (typeof first !== 'string' || !first.includes('/') || first.startsWith('/') || first.startsWith('./') || first.startsWith('../')) continue;
      const workingDir = str(ref.c, 'workingDir');
      if (workingDir && workingDir !== '/') continue;
      const segs = [...ref.segs, 'command', 0];
      const hit = nodeAtPath(ctx.doc, segs);
      const range = hit?.node && isScalar(hit.node) ? nodeRange(hit.node) : undefined;
      const fixes: CoreFix[] = [];
      if (range && ctx.doc.source) {
        const quoted = ctx.doc.source[range[0]] === '"' || ctx.doc.source[range[0]] === "'";
        const at = range[0] + (quoted ? 1 : 0);
        fixes.push({ title: `Change to "/${first}"`, edits: [{ start: at, end: at, newText: '/' }], preferred: true });
      }
      reportAt(ctx, segs, `"${first}" is a relative path: it is resolved from the container's working directory, not looked up in $PATH, so it works only while the image's working directory is "/" (as busybox's is). Use "/${first}".`, false, fixes);
    }
  },
};

const jobKeptForever: Rule = {
  id: 'lint-job-ttl',
  kinds: ['Job'],
  category: 'lint',
  severity: 'info',
  title: 'Finished Job kept forever',
  description: 'Without spec.ttlSecondsAfterFinished a finished Job and its Pods stay in the cluster until someone deletes them. (A CronJob\'s Jobs are cleaned up by its history limits, 3 successful and 1 failed by default.) The fix adds ttlSecondsAfterFinished: 86400 (one day).',
  docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/',
  check(ctx) {
    const spec = obj(plainOf(ctx.doc), 'spec');
    if (!spec || has(spec, 'ttlSecondsAfterFinished')) return;
    const insert = insertIntoMap(ctx.doc, ['spec'], ['ttlSecondsAfterFinished: 86400']);
    reportAt(ctx, ['spec'], 'No spec.ttlSecondsAfterFinished: when this Job finishes, it and its Pods are kept until someone deletes them.', true, insert ? [{ title: 'Add ttlSecondsAfterFinished: 86400 (one day)', edits: [insert] }] : undefined);
  },
};

const hostPathRule: Rule = {
  id: 'lint-host-path',
  kinds: ALL,
  category: 'lint',
  severity: 'hint',
  title: 'hostPath volume',
  description: 'A hostPath volume exposes a directory of the node to the pod; a container that can write there can tamper with the node (and read other pods\' data). Mount it readOnly when the pod only reads, and keep the path as narrow as possible (readOnly is not suggested for paths their users must write: sockets and devices, kubelet and CNI directories, /run and /var/run, lock files, the BPF filesystem, and hostPath types Socket, CharDevice, BlockDevice and …OrCreate). Pod Security "baseline" forbids hostPath.',
  docs: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  check(ctx) {
    const spec = podSpecOf(ctx.doc, ctx.kind);
    const base = podSpecSegs(ctx.kind);
    const volumes = arr(spec, 'volumes') ?? [];
    if (!volumes.some((v) => obj(v, 'hostPath'))) return;
    const containers = runningContainers(ctx.doc, ctx.kind, true);
    volumes.forEach((v, i) => {
      const hp = obj(v, 'hostPath');
      if (!hp) return;
      const name = str(v, 'name') ?? '';
      const path = str(hp, 'path') ?? '';
      const mounts = containers.flatMap((ref) => (arr(ref.c, 'volumeMounts') ?? []).filter((m) => str(m, 'name') === name));
      const writable = mounts.some((m) => !(isObj(m) && m.readOnly === true));
      const needsWrite = hostPathNeedsWrite(path, str(hp, 'type')) || mounts.some((m) => str(m, 'mountPropagation') === 'Bidirectional');
      const advice = writable && !needsWrite ? ' It is mounted writable; add readOnly: true to the volumeMount if the pod only reads it.' : '';
      reportAt(ctx, [...base, 'volumes', i, 'hostPath'], `Volume "${name}" mounts the node's ${path || 'directory'} into the pod (hostPath): the pod can read${writable ? ' and change' : ''} the node's files there.${advice}`, true);
    });
  },
};

/** Host paths whose users must write (sockets, devices, kubelet and CNI directories, locks, runtime state). */
const WRITE_PATH_PREFIXES = ['/var/lib/kubelet', '/dev', '/run', '/var/run', '/opt/cni/bin', '/etc/cni/net.d', '/var/lib/cni', '/sys/fs/bpf', '/var/lib/calico', '/var/lib/cilium', '/var/log/calico', '/var/lib/containerd', '/var/lib/docker/volumes', '/tmp'];

/** hostPath types whose objects are used by writing or talking to them. */
const WRITE_TYPES = new Set(['Socket', 'CharDevice', 'BlockDevice', 'FileOrCreate', 'DirectoryOrCreate']);

/** Whether a read-only mount of this host path would break its usual users (so no readOnly advice). */
export function hostPathNeedsWrite(path: string, type?: string): boolean {
  if (type && WRITE_TYPES.has(type)) return true;
  // Windows nodes: named pipes are sockets; C:\var\lib\kubelet is the kubelet directory.
  if (/^\\\\[.?]\\pipe\\/i.test(path)) return true;
  const p = path.replace(/^[A-Za-z]:(?=[\\/])/, '').replace(/\\/g, '/').replace(/\/+$/, '') || '/';
  if (/\.(sock|socket|lock)$/.test(p)) return true;
  if (p === '/sys/fs') return true;
  return WRITE_PATH_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
}

/**
 * A pod that can only land on Windows nodes: spec.os.name windows, nodeSelector kubernetes.io/os: windows,
 * or required node affinity whose every term asks for kubernetes.io/os In [windows].
 */
export function pinnedToWindows(spec: PlainMap): boolean {
  if (str(obj(spec, 'os'), 'name') === 'windows') return true;
  if (str(obj(spec, 'nodeSelector'), 'kubernetes.io/os') === 'windows') return true;
  const terms = arr(obj(obj(obj(spec, 'affinity'), 'nodeAffinity'), 'requiredDuringSchedulingIgnoredDuringExecution'), 'nodeSelectorTerms') ?? [];
  return (
    terms.length > 0 &&
    terms.every((t) =>
      (arr(t, 'matchExpressions') ?? []).some((e) => {
        const values = arr(e, 'values') ?? [];
        return str(e, 'key') === 'kubernetes.io/os' && str(e, 'operator') === 'In' && values.length > 0 && values.every((x) => x === 'windows');
      }),
    )
  );
}

const CONTROL_PLANE_TAINT = 'node-role.kubernetes.io/control-plane';
const LEGACY_MASTER_TAINT = 'node-role.kubernetes.io/master';

/** Does a toleration tolerate the taint key:NoSchedule (with an empty value)? */
export function toleratesNoSchedule(t: Plain, taintKey: string): boolean {
  if (!isObj(t)) return false;
  const effect = str(t, 'effect') ?? '';
  if (effect !== '' && effect !== 'NoSchedule') return false;
  const key = str(t, 'key') ?? '';
  const op = str(t, 'operator') || 'Equal';
  if (key === '') return op === 'Exists';
  if (key !== taintKey) return false;
  return op === 'Exists' || (op === 'Equal' && (str(t, 'value') ?? '') === '');
}

const controlPlane: Rule = {
  id: 'lint-daemonset-control-plane',
  kinds: ['DaemonSet'],
  category: 'lint',
  severity: 'info',
  title: 'DaemonSet skips control-plane nodes',
  description: 'Control-plane nodes (kubeadm and most distributions) carry the taint node-role.kubernetes.io/control-plane:NoSchedule. Without a toleration for it, the DaemonSet runs no pod there — right for most apps, wrong for node agents (log collectors, monitoring, CNI). The fix adds the toleration. Not reported for DaemonSets pinned to Windows nodes (kubernetes.io/os: windows): control-plane nodes run Linux.',
  docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations',
  check(ctx) {
    const spec = podSpecOf(ctx.doc, ctx.kind);
    // Control-plane nodes run Linux: a DaemonSet for Windows nodes has nothing to run there.
    if (!spec || pinnedToWindows(spec)) return;
    const tolerations = arr(spec, 'tolerations') ?? [];
    if (tolerations.some((t) => toleratesNoSchedule(t, CONTROL_PLANE_TAINT))) return;
    const base = podSpecSegs(ctx.kind);
    const lines = ['- key: node-role.kubernetes.io/control-plane', '  operator: Exists', '  effect: NoSchedule'];
    const edit = has(spec, 'tolerations') ? appendToSeq(ctx.doc, [...base, 'tolerations'], lines) : insertIntoMap(ctx.doc, base, ['tolerations:', ...lines.map((l) => `  ${l}`)]);
    reportAt(
      ctx,
      has(spec, 'tolerations') ? [...base, 'tolerations'] : base.slice(0, -1).concat('spec'),
      tolerations.some((t) => toleratesNoSchedule(t, LEGACY_MASTER_TAINT))
        ? 'Tolerates only the old node-role.kubernetes.io/master taint: kubeadm taints control-plane nodes with node-role.kubernetes.io/control-plane:NoSchedule since Kubernetes 1.25, so this DaemonSet will not run on them. Add a toleration for the new key.'
        : 'No toleration for the node-role.kubernetes.io/control-plane:NoSchedule taint: this DaemonSet will not run on control-plane nodes. Fine for most workloads; node agents (logs, metrics, networking) usually want to run there too.',
      true,
      edit ? [{ title: 'Tolerate the control-plane taint', edits: [edit] }] : undefined,
    );
  },
};

/** New items before the first item of a block sequence, at its indentation. */
function appendToSeq(doc: ParsedDoc, segs: PathSeg[], lines: string[]): { start: number; end: number; newText: string } | undefined {
  const hit = nodeAtPath(doc, segs);
  const seq = hit?.node as { items?: unknown[]; flow?: boolean; range?: [number, number, number] } | null | undefined;
  const text = doc.source;
  if (!seq || !Array.isArray(seq.items) || seq.flow || !seq.range || !text) return undefined;
  const start = seq.range[0];
  if (text[start] !== '-') return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^ *$/.test(indent)) return undefined;
  const eol = eolOf(text);
  return { start, end: start, newText: `${lines.join(`${eol}${indent}`)}${eol}${indent}` };
}

const onDeleteRollingUpdate: Rule = {
  id: 'lint-ondelete-rolling-update',
  kinds: ['DaemonSet'],
  category: 'lint',
  severity: 'warning',
  title: 'rollingUpdate with the OnDelete strategy',
  description: 'With updateStrategy.type OnDelete the controller replaces a pod only after you delete it; the rollingUpdate settings are accepted but ignored.',
  docs: 'https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/#daemonset-update-strategy',
  check(ctx) {
    const strategy = obj(obj(plainOf(ctx.doc), 'spec'), 'updateStrategy');
    if (str(strategy, 'type') !== 'OnDelete' || !isObj(strategy?.rollingUpdate)) return;
    reportAt(ctx, ['spec', 'updateStrategy', 'rollingUpdate'], 'rollingUpdate is ignored when updateStrategy.type is OnDelete: pods are replaced only when you delete them.', true);
  },
};


const startingDeadline: Rule = {
  id: 'lint-cronjob-starting-deadline',
  kinds: ['CronJob'],
  category: 'lint',
  severity: 'warning',
  title: 'startingDeadlineSeconds under 10 seconds',
  description: 'The CronJob controller looks at CronJobs about every 10 seconds; with startingDeadlineSeconds below 10 a run can be missed, and the Kubernetes docs warn such a CronJob may never be scheduled.',
  docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation',
  check(ctx) {
    const v = obj(plainOf(ctx.doc), 'spec')?.startingDeadlineSeconds;
    if (typeof v !== 'number' || v < 0 || v >= 10) return;
    reportAt(ctx, ['spec', 'startingDeadlineSeconds'], `startingDeadlineSeconds is ${v}: the CronJob controller checks about every 10 seconds, so runs can be missed (a value under 10 may mean the CronJob never runs). Use 10 or more, or leave it unset.`);
  },
};

const hostNetworkDns: Rule = {
  id: 'lint-hostnetwork-dns',
  kinds: ALL,
  category: 'lint',
  severity: 'info',
  title: 'hostNetwork without ClusterFirstWithHostNet',
  description: 'A pod with hostNetwork: true and the default dnsPolicy (ClusterFirst) falls back to the node\'s resolver ("Default"), so Service names such as my-svc.my-ns.svc do not resolve. Set dnsPolicy: ClusterFirstWithHostNet when the pod talks to Services. Not reported for pods pinned to Windows nodes (kubernetes.io/os: windows), where ClusterFirstWithHostNet is not supported.',
  docs: 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy',
  check(ctx) {
    const spec = podSpecOf(ctx.doc, ctx.kind);
    // Windows does not support ClusterFirstWithHostNet (or dnsPolicy on host-network pods at all).
    if (!spec || spec.hostNetwork !== true || pinnedToWindows(spec)) return;
    const policy = str(spec, 'dnsPolicy');
    if (policy && policy !== 'ClusterFirst') return;
    const base = podSpecSegs(ctx.kind);
    const insert = policy ? undefined : insertIntoMap(ctx.doc, base, ['dnsPolicy: ClusterFirstWithHostNet']);
    reportAt(ctx, [...base, 'hostNetwork'], 'hostNetwork: true with dnsPolicy ClusterFirst: the pod uses the node\'s DNS resolver, so cluster Service names do not resolve. Set dnsPolicy: ClusterFirstWithHostNet if it needs them.', false, insert ? [{ title: 'Add dnsPolicy: ClusterFirstWithHostNet', edits: [insert] }] : undefined);
  },
};

const privileged: Rule = {
  id: 'lint-privileged',
  kinds: ALL,
  category: 'lint',
  severity: 'hint',
  title: 'Privileged container or host namespaces',
  description: 'privileged: true gives a container every capability and the node\'s devices; hostPID and hostIPC share the node\'s process and IPC namespaces. Node agents sometimes need them; anything else should not. Pod Security "baseline" forbids all three.',
  docs: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  check(ctx) {
    const spec = podSpecOf(ctx.doc, ctx.kind);
    const base = podSpecSegs(ctx.kind);
    for (const field of ['hostPID', 'hostIPC']) {
      if (spec?.[field] === true) reportAt(ctx, [...base, field], `${field}: true shares the node's ${field === 'hostPID' ? 'process' : 'IPC'} namespace with this pod: its containers can see${field === 'hostPID' ? ' (and signal, if root)' : ''} the node's ${field === 'hostPID' ? 'processes' : 'shared memory'}.`);
    }
    for (const ref of runningContainers(ctx.doc, ctx.kind, true)) {
      if (obj(ref.c, 'securityContext')?.privileged === true) {
        reportAt(ctx, [...ref.segs, 'securityContext', 'privileged'], `Container "${ref.name}" is privileged: it has all capabilities and access to the node's devices, so a compromise of it is a compromise of the node.`);
      }
    }
  },
};

export const lintRules: Rule[] = [noResources, imageTagRule, relativeCommand, jobKeptForever, hostPathRule, controlPlane, onDeleteRollingUpdate, startingDeadline, hostNetworkDns, privileged];

registerRules(lintRules);
