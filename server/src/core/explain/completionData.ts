/** Values, map keys and whole blocks the completion offers, beyond what the schema lists. */
import type { Node } from 'yaml';
import { isMap, isSeq } from '../model/yamlNodes';
import type { WorkloadFile, WorkloadKind, PlacedDoc } from '../model/workloadFile';
import { nodeAtPath, nodeRange, type PathSeg } from '../model/path';
import type { FieldShape } from '../schema';
import type { CoreEdit } from '../diagnostics';
import { scopeOf } from './scope';
import { own } from '../own';

export interface ValueSuggestion {
  value: string;
  detail?: string;
  /** Text to insert when it differs from the value (quoted schedules). */
  insert?: string;
}

const TAINT_KEYS: Array<[string, string]> = [
  ['node-role.kubernetes.io/control-plane', 'control-plane nodes (NoSchedule)'],
  ['node.kubernetes.io/not-ready', 'node not ready (NoExecute)'],
  ['node.kubernetes.io/unreachable', 'node unreachable (NoExecute)'],
  ['node.kubernetes.io/unschedulable', 'cordoned node (NoSchedule)'],
  ['node.kubernetes.io/disk-pressure', 'low disk (NoSchedule)'],
  ['node.kubernetes.io/memory-pressure', 'low memory (NoSchedule)'],
  ['node.kubernetes.io/pid-pressure', 'too many processes (NoSchedule)'],
  ['node.kubernetes.io/network-unavailable', 'node network not ready (NoSchedule)'],
  ['node.cloudprovider.kubernetes.io/uninitialized', 'cloud node not yet initialized (NoSchedule)'],
];

const SCHEDULES: Array<[string, string]> = [
  ['*/5 * * * *', 'every 5 minutes'],
  ['0 * * * *', 'every hour, on the hour'],
  ['0 2 * * *', 'every day at 02:00'],
  ['30 9 * * 1-5', 'weekdays at 09:30'],
  ['0 0 * * 0', 'Sundays at midnight'],
  ['0 0 1 * *', 'the first of every month at midnight'],
  ['@hourly', 'every hour (same as 0 * * * *)'],
  ['@daily', 'every day at midnight (same as 0 0 * * *)'],
];

const NODE_LABELS: Array<[string, string]> = [
  ['kubernetes.io/os', 'linux or windows'],
  ['kubernetes.io/arch', 'amd64, arm64…'],
  ['kubernetes.io/hostname', 'the node’s name'],
  ['topology.kubernetes.io/zone', 'the node’s zone'],
  ['topology.kubernetes.io/region', 'the node’s region'],
  ['node.kubernetes.io/instance-type', 'the machine type'],
  ['node-role.kubernetes.io/control-plane', 'control-plane nodes (use Exists / DoesNotExist)'],
];

const HOST_PATHS = ['/var/log', '/var/log/pods', '/var/lib/kubelet', '/proc', '/sys', '/run/containerd/containerd.sock'];

const TIME_ZONES = ['Etc/UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];

const QUANTITIES: Record<string, string[]> = {
  cpu: ['50m', '100m', '250m', '500m', '1'],
  memory: ['32Mi', '64Mi', '128Mi', '256Mi', '512Mi', '1Gi'],
  'ephemeral-storage': ['100Mi', '1Gi'],
};

/** Values worth offering for the field at `segs`, best first. */
export function valueSuggestions(kind: WorkloadKind, segs: readonly PathSeg[], shape: FieldShape): ValueSuggestion[] {
  const { scope, rest } = scopeOf(kind, segs);
  const at = `${scope}:${rest}`;
  if (at === 'pod:restartPolicy') {
    return kind === 'DaemonSet' ? [{ value: 'Always', detail: 'the only value a DaemonSet accepts' }] : [{ value: 'Never', detail: 'failed pods are replaced by the Job controller' }, { value: 'OnFailure', detail: 'the kubelet restarts failed containers in place' }];
  }
  if (at === 'container:restartPolicy') return [{ value: 'Always', detail: 'init container becomes a sidecar' }];
  if (at === 'pod:tolerations[].key') return TAINT_KEYS.map(([value, detail]) => ({ value, detail }));
  if (at === 'pod:tolerations[].operator') return [{ value: 'Exists' }, { value: 'Equal' }];
  if (at === 'cronjob:schedule') return SCHEDULES.map(([value, detail]) => ({ value, detail, insert: `"${value}"` }));
  if (at === 'cronjob:timeZone') return TIME_ZONES.map((value) => ({ value }));
  if (at === 'root:apiVersion') return [{ value: kind === 'DaemonSet' ? 'apps/v1' : 'batch/v1' }];
  if (at === 'root:kind') return [{ value: kind }];
  if (/^container:resources\.(requests|limits)\.[\w.-]+$/.test(at)) {
    const resource = String(segs[segs.length - 1]);
    return (own(QUANTITIES, resource) ?? []).map((value) => ({ value }));
  }
  if (/^pod:affinity\.nodeAffinity\..*matchExpressions\[\]\.key$/.test(at)) return NODE_LABELS.map(([value, detail]) => ({ value, detail }));
  if (at === 'pod:volumes[].hostPath.path') return HOST_PATHS.map((value) => ({ value }));
  if (at === 'pod:volumes[].hostPath.type') return ['Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket', 'CharDevice', 'BlockDevice'].map((value) => ({ value }));
  if (shape.enum?.length) return shape.enum.map((value) => ({ value }));
  if (shape.type === 'boolean') return [{ value: 'true' }, { value: 'false' }];
  return [];
}

export interface KeySuggestion {
  key: string;
  detail?: string;
  /** Snippet for the value part. */
  insert?: string;
}

/** Keys for free-form maps: resource names under requests/limits, well-known node labels… */
export function keySuggestions(kind: WorkloadKind, segs: readonly PathSeg[]): KeySuggestion[] {
  const { scope, rest } = scopeOf(kind, segs);
  const at = `${scope}:${rest}`;
  if (at === 'container:resources.requests' || at === 'container:resources.limits') {
    return [
      { key: 'cpu', detail: 'cores: 1, 0.5 or 500m', insert: '${1:100m}' },
      { key: 'memory', detail: 'bytes: 128Mi, 1Gi', insert: '${1:128Mi}' },
      { key: 'ephemeral-storage', detail: 'local scratch disk', insert: '${1:1Gi}' },
    ];
  }
  if (at === 'pod:nodeSelector') {
    return [
      { key: 'kubernetes.io/os', detail: 'linux or windows', insert: '${1|linux,windows|}' },
      { key: 'kubernetes.io/arch', detail: 'amd64, arm64…', insert: '${1|amd64,arm64|}' },
      { key: 'kubernetes.io/hostname', detail: 'one node', insert: '${1:node-name}' },
      { key: 'topology.kubernetes.io/zone', detail: 'a zone', insert: '${1:zone}' },
    ];
  }
  if (rest.endsWith('labels') || rest.endsWith('matchLabels')) return [{ key: 'app', insert: '${1:name}' }, { key: 'app.kubernetes.io/name', insert: '${1:name}' }];
  return [];
}

export interface BlockSnippet {
  label: string;
  detail: string;
  documentation?: string;
  insertText: string;
  additionalEdits?: CoreEdit[];
}

const CONTROL_PLANE_TOLERATION = 'key: node-role.kubernetes.io/control-plane\noperator: Exists\neffect: NoSchedule';
const HOST_PATH_TYPES = '${3|Directory,DirectoryOrCreate,File,FileOrCreate,Socket|}';

/** Whole blocks that fit under an object of type `typeName`, not already present. */
export function blockSnippets(kind: WorkloadKind, typeName: string | undefined, present: Set<string>, file: WorkloadFile, placed: PlacedDoc, segs: readonly PathSeg[], cursorLineEnd = 0): BlockSnippet[] {
  const out: BlockSnippet[] = [];
  const indent = (text: string, by: string) => text.split('\n').map((l) => (l ? by + l : l)).join('\n');
  switch (typeName) {
    case 'PodSpec':
      if (!present.has('tolerations')) {
        out.push({ label: 'tolerations: control-plane', detail: 'also run on control-plane nodes', documentation: 'Tolerates the `node-role.kubernetes.io/control-plane:NoSchedule` taint, so a DaemonSet’s pods run on control-plane nodes too.', insertText: `tolerations:\n${indent(`- ${CONTROL_PLANE_TOLERATION.replace(/\n/g, '\n  ')}`, '  ')}\n$0` });
        out.push({ label: 'tolerations: every taint (like kube-proxy)', detail: 'run on every node, whatever its taints', documentation: '`operator: Exists` with no key tolerates every taint, NoExecute included.', insertText: 'tolerations:\n  - operator: Exists\n$0' });
      }
      if (!present.has('affinity')) {
        out.push({ label: 'affinity: required node affinity', detail: 'only nodes with a label', insertText: 'affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - key: ${1:kubernetes.io/os}\n              operator: ${2|In,NotIn,Exists,DoesNotExist|}\n              values: [${3:linux}]\n$0' });
      }
      if (!present.has('volumes')) {
        out.push({ label: 'volumes: hostPath', detail: 'a directory of the node', insertText: `volumes:\n  - name: \${1:varlog}\n    hostPath:\n      path: \${2:/var/log}\n      type: ${HOST_PATH_TYPES}\n$0` });
      }
      break;
    case 'Container':
      if (!present.has('resources')) {
        out.push({ label: 'resources: requests and limits', detail: 'CPU and memory', documentation: 'Requests are reserved by the scheduler; limits cap what the container may use.', insertText: 'resources:\n  requests:\n    cpu: ${1:50m}\n    memory: ${2:64Mi}\n  limits:\n    cpu: ${3:100m}\n    memory: ${4:128Mi}\n$0' });
      }
      if (!present.has('command')) {
        out.push({ label: 'command: shell script', detail: '/bin/sh -c "…"', documentation: 'Runs a line of shell: the command is not run through a shell unless you call one.', insertText: 'command: ["/bin/sh", "-c", "${1:echo hello}"]\n$0' });
      }
      if (!present.has('volumeMounts')) {
        const added = volumeForMount(file, placed, segs, cursorLineEnd);
        if (added) {
          out.push({ label: 'volumeMounts: hostPath volume and its mount', detail: `mount ${added.name} and add it to the pod’s volumes`, documentation: 'Mounts a directory of the node in this container and adds the matching hostPath volume to the pod spec.', insertText: `volumeMounts:\n  - name: ${added.name}\n    mountPath: \${1:/var/log}\n    readOnly: \${2|true,false|}\n$0`, additionalEdits: [added.edit] });
        }
      }
      break;
    case 'Toleration':
      if (present.size === 0) {
        out.push({ label: 'control-plane toleration', detail: 'run on control-plane nodes too', insertText: `${CONTROL_PLANE_TOLERATION}\n$0` });
        out.push({ label: 'tolerate every taint', detail: 'operator Exists with no key', insertText: 'operator: Exists\n$0' });
        out.push({ label: 'NoExecute toleration with a grace period', detail: 'stay for a while on a failing node', insertText: `key: \${2:node.kubernetes.io/unreachable}\noperator: Exists\neffect: NoExecute\ntolerationSeconds: \${3:300}\n$0` });
      }
      break;
    case 'Volume':
      if (present.size === 0) {
        out.push({ label: 'hostPath volume', detail: 'a directory of the node', insertText: `name: \${1:varlog}\nhostPath:\n  path: \${2:/var/log}\n  type: ${HOST_PATH_TYPES}\n$0` });
        out.push({ label: 'emptyDir volume', detail: 'scratch space for the pod’s lifetime', insertText: 'name: ${1:scratch}\nemptyDir: {}\n$0' });
        out.push({ label: 'configMap volume', detail: 'files from a ConfigMap', insertText: 'name: ${1:config}\nconfigMap:\n  name: ${2:my-config}\n$0' });
      }
      break;
    case 'ResourceRequirements':
      if (!present.has('requests') && !present.has('limits')) {
        out.push({ label: 'requests and limits', detail: 'CPU and memory', insertText: 'requests:\n  cpu: ${1:50m}\n  memory: ${2:64Mi}\nlimits:\n  cpu: ${3:100m}\n  memory: ${4:128Mi}\n$0' });
      }
      break;
    case 'Affinity':
      if (!present.has('nodeAffinity')) {
        out.push({ label: 'nodeAffinity: required', detail: 'only nodes with a label', insertText: 'nodeAffinity:\n  requiredDuringSchedulingIgnoredDuringExecution:\n    nodeSelectorTerms:\n      - matchExpressions:\n          - key: ${1:kubernetes.io/os}\n            operator: ${2|In,NotIn,Exists,DoesNotExist|}\n            values: [${3:linux}]\n$0' });
      }
      break;
  }
  return out;
}

/** An edit that adds a hostPath volume to the pod of the container at `segs`, and the volume's name. */
function volumeForMount(file: WorkloadFile, placed: PlacedDoc, segs: readonly PathSeg[], cursorLineEnd: number): { name: string; edit: CoreEdit } | undefined {
  if (segs.length < 2 || typeof segs[segs.length - 1] !== 'number') return undefined;
  const podSegs = segs.slice(0, -2);
  const pod = nodeAtPath(placed.doc, podSegs)?.node;
  if (!isMap(pod) || pod.flow || pod.items.length === 0) return undefined;
  const taken = new Set<string>();
  const volumes = pod.get('volumes', true) as Node | undefined;
  if (isSeq(volumes)) for (const v of volumes.items) if (isMap(v)) taken.add(String(v.get('name') ?? ''));
  let name = 'varlog';
  for (let i = 2; taken.has(name); i++) name = `varlog-${i}`;
  const lineEndAfter = (rel: number) => {
    let at = placed.start + rel;
    while (at > placed.start && /\s/.test(file.text[at])) at--;
    const nl = file.text.indexOf('\n', at);
    return nl < 0 ? file.text.length : nl;
  };
  const columnOf = (rel: number) => file.lines.positionAt(placed.start + rel).character;
  if (isSeq(volumes) && !volumes.flow && volumes.items.length > 0) {
    const last = volumes.items[volumes.items.length - 1] as Node;
    const first = nodeRange(volumes.items[0] as Node);
    const end = valueEnd(last);
    if (!first || end === undefined) return undefined;
    const itemColumn = columnOf(first[0]);
    const pad = ' '.repeat(Math.max(0, itemColumn - 2));
    const inner = ' '.repeat(itemColumn);
    return { name, edit: { start: lineEndAfter(end), end: lineEndAfter(end), newText: `\n${pad}- name: ${name}\n${inner}hostPath:\n${inner}  path: /var/log\n${inner}  type: Directory` } };
  }
  if (volumes !== undefined) return undefined;
  const firstKey = nodeRange(pod.items[0].key as Node);
  const lastPair = pod.items[pod.items.length - 1];
  const end = valueEnd((lastPair.value as Node | null) ?? (lastPair.key as Node));
  if (!firstKey || end === undefined) return undefined;
  const pad = ' '.repeat(columnOf(firstKey[0]));
  // The cursor line belongs to this pod spec: the new key goes below it.
  const at = Math.max(lineEndAfter(end), cursorLineEnd);
  const block = `${pad}volumes:\n${pad}  - name: ${name}\n${pad}    hostPath:\n${pad}      path: /var/log\n${pad}      type: Directory`;
  // Not at the cursor itself (the completion's own edit ends there): at the start of the next line when there is one.
  if (at === cursorLineEnd && at < file.text.length) {
    const next = file.text.indexOf('\n', at) + 1;
    return { name, edit: { start: next, end: next, newText: `${block}\n` } };
  }
  return { name, edit: { start: at, end: at, newText: `\n${block}` } };
}

/** Where a node's own text ends (its last character), ignoring trailing comments and blank lines. */
function valueEnd(node: Node): number | undefined {
  const r = (node as { range?: [number, number, number] }).range;
  if (!r) return undefined;
  return Math.max(r[0], r[1] - 1);
}
