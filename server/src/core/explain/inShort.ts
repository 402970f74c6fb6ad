/**
 * "In short": our own plain-words explanations of the fields a DaemonSet, Job or CronJob author
 * touches, keyed by `<scope>:<path inside the scope>` (see scope.ts). A text may differ per kind
 * (restartPolicy means something else in a DaemonSet than in a Job). `values` explains one value
 * of the field; `default` is what the API server fills in when the field is left out.
 */
import type { PathSeg } from '../model/path';
import { scopeOf, type Scope } from './scope';
import { fieldAt } from '../schema';
import { hasOwn, own } from '../own';

export type ByKind = string | { DaemonSet?: string; Job?: string; CronJob?: string; other?: string };

export interface FieldNote {
  text: ByKind;
  default?: ByKind;
  values?: Record<string, ByKind>;
}

const TAINT_EFFECTS: Record<string, ByKind> = {
  NoSchedule: 'New pods that do not tolerate the taint are not placed on the node; pods already running there stay.',
  PreferNoSchedule: 'A soft NoSchedule: the scheduler tries to avoid the node for pods that do not tolerate the taint, but uses it if nothing else fits.',
  NoExecute: 'Pods that do not tolerate the taint are not placed on the node, and running ones are evicted (after `tolerationSeconds`, if the toleration sets it).',
};

const HOST_PATH_TYPES: Record<string, ByKind> = {
  '': 'No check at all: whatever is at the path gets mounted (a missing path is usually created as an empty directory by the container runtime).',
  DirectoryOrCreate: 'If nothing exists at the path, the kubelet creates an empty directory there (mode 0755, owned like the kubelet); otherwise it must be a directory.',
  Directory: 'A directory must already exist at the path, or the pod cannot start (it stays in ContainerCreating with a mount error).',
  FileOrCreate: 'If nothing exists at the path, the kubelet creates an empty file (mode 0644); the parent directory must exist.',
  File: 'A file must already exist at the path.',
  Socket: 'A UNIX socket must already exist at the path (e.g. a container runtime socket).',
  CharDevice: 'A character device must already exist at the path.',
  BlockDevice: 'A block device must already exist at the path.',
};

const RESOURCE_NAMES: Record<string, string> = {
  cpu: 'CPU, in cores: `1` is one core or vCPU, `500m` (500 millicores) is half of one.',
  memory: 'Memory, in bytes: use `Mi`/`Gi` (powers of two) or `M`/`G` (powers of ten). Beware `m`, which means a thousandth.',
  'ephemeral-storage': 'Local scratch disk (container writable layer, logs, emptyDir on disk), in bytes.',
};

export const NOTES: Record<string, FieldNote> = {
  // ── The object itself ────────────────────────────────────────────────────────────
  'root:apiVersion': {
    text: { DaemonSet: 'The API group and version that serve DaemonSets: `apps/v1`.', Job: 'Jobs are served by the `batch/v1` API.', CronJob: 'CronJobs are served by the `batch/v1` API (the old `batch/v1beta1` is gone since Kubernetes 1.25).', other: 'The API group and version of the object.' },
  },
  'root:kind': {
    text: {
      DaemonSet: 'A DaemonSet keeps one copy of its pod on every node that can take it. Add a node and it gets a copy; remove one and the copy goes away. Used for agents every node needs: log shippers, monitoring, networking (kube-proxy, CNI), storage drivers.',
      Job: 'A Job runs pods until a number of them finish successfully, retrying failures up to a limit, then stops. For one-off work: migrations, batch processing, backups.',
      CronJob: 'A CronJob creates a Job on a schedule, like a crontab line. It never runs pods itself: each run is a new Job, and that Job runs the pods and handles retries.',
      other: 'The type of object.',
    },
  },
  'root:metadata': { text: 'Name, namespace, labels and annotations of the object itself (not of the pods it creates: those come from the pod template).' },
  'root:spec': {
    text: {
      DaemonSet: 'What you want: which pods (template), how to find them (selector), and how to roll out changes (updateStrategy).',
      Job: 'What you want: the pod to run (template), how many must succeed (completions), how many at once (parallelism) and how many failures to accept (backoffLimit).',
      CronJob: 'When to run (schedule, timeZone), what to run (jobTemplate), and what to do with overlapping or missed runs.',
      other: 'The desired state of the object.',
    },
  },
  'root:status': { text: 'Written by the controllers, not by you: the API server ignores a status you send with the object.' },

  // ── Metadata (the object’s, a pod template’s or a job template’s) ───────────────
  'meta:': { text: 'Identity and tags: name, namespace, labels, annotations. Inside a template, these are what every created pod (or Job) gets.' },
  'meta:labels.*': { text: 'One label: a key (optionally with a DNS prefix, `app.kubernetes.io/name`) and a value of at most 63 characters.' },
  'meta:annotations.*': { text: 'One annotation: free-form text read by tools.' },
  'meta:name': {
    text: { CronJob: 'The object’s name. For a CronJob at most 52 characters: the controller appends an 11-character suffix to name each Job it creates.', DaemonSet: 'The object’s name; pods get it plus a random suffix (`log-collector-4krdf`).', Job: 'The object’s name; its pods are named after it plus a random suffix.', other: 'The object’s name, unique among objects of this kind in its namespace.' },
  },
  'meta:namespace': { text: 'The namespace the object lives in; left out, `kubectl apply` uses the current context’s namespace. Node agents are usually kept in a namespace of their own.' },
  'meta:labels': { text: 'Key/value tags. On a pod template they are what the selector matches, so they must include every selector label.' },
  'meta:annotations': { text: 'Free-form key/value notes for tools and people; not used for selecting objects.' },
  'meta:generateName': { text: 'A prefix from which the API server makes a unique name when `name` is left out (only works with `kubectl create`, not `apply`).' },

  // ── DaemonSet spec ───────────────────────────────────────────────────────────────
  'ds:': { text: 'What the DaemonSet runs on every eligible node and how it replaces pods when the template changes.' },
  'ds:selector': { text: 'How the DaemonSet recognizes its pods. Required, must match the template’s labels, and cannot be changed after creation.' },
  'ds:selector.matchLabels': { text: 'Labels a pod must carry to belong to this DaemonSet; the pod template must carry the same ones.' },
  'ds:selector.matchLabels.*': { text: 'A label the DaemonSet’s pods must carry, with this value; the template must set it too.' },
  'ds:selector.matchExpressions': { text: 'Set-based selector terms (In, NotIn, Exists, DoesNotExist), ANDed with matchLabels.' },
  'ds:template': { text: 'The pod to run on every node. Its labels must match the selector; its restartPolicy can only be `Always`, since the agent should keep running.' },
  'ds:updateStrategy': { text: 'How pods are replaced when you change the template.', default: '`RollingUpdate` with maxUnavailable 1, maxSurge 0' },
  'ds:updateStrategy.type': {
    text: 'Whether the controller replaces pods itself (RollingUpdate) or waits for you to delete them (OnDelete).',
    default: '`RollingUpdate`',
    values: {
      RollingUpdate: 'On a template change the controller deletes old pods and starts new ones, a few nodes at a time (see maxUnavailable / maxSurge).',
      OnDelete: 'A template change does nothing by itself: a node gets the new pod only after you delete its old one.',
    },
  },
  'ds:updateStrategy.rollingUpdate': { text: 'Pacing of a rolling update across nodes.' },
  'ds:updateStrategy.rollingUpdate.maxUnavailable': { text: 'How many nodes (number or percentage) may be without a ready pod during an update. Cannot be 0 when maxSurge is 0.', default: '`1`' },
  'ds:updateStrategy.rollingUpdate.maxSurge': { text: 'How many nodes (number or percentage) may briefly run the old and the new pod side by side during an update; when set, maxUnavailable may be 0.', default: '`0`' },
  'ds:minReadySeconds': { text: 'How long a new pod must stay ready before it counts as available, which slows a rolling update down.', default: '`0`' },
  'ds:revisionHistoryLimit': { text: 'How many old template revisions to keep for `kubectl rollout undo`.', default: '`10`' },

  // ── Job spec (also a CronJob’s jobTemplate.spec) ─────────────────────────────────
  'job:': { text: 'How the Job’s pods run to completion: how many, how many at once, how many failures to accept, and clean-up.' },
  'job:completions': {
    text: 'How many pods must finish successfully (exit 0) before the Job is complete. With `completions: 2` the Job waits for two successes, one after the other or together depending on parallelism.',
    default: '`1` when parallelism is also unset; left unset (work-queue mode: done when any pod succeeds and all have ended) when only parallelism is set',
  },
  'job:parallelism': {
    text: 'How many pods may run at the same time. With completions 2 and parallelism 2 both run together; with parallelism 1 they run one after another. `0` pauses the Job.',
    default: '`1`',
  },
  'job:backoffLimit': {
    text: 'How many failed pods the Job accepts before it gives up and is marked Failed. Retries are new pods made by the Job controller, waiting longer each time (10 s, 20 s, 40 s … up to 10 min). With restartPolicy OnFailure, container restarts inside a pod count too.',
    default: '`6`',
  },
  'job:backoffLimitPerIndex': { text: 'For Indexed Jobs: a separate failure budget per index, so one bad index fails alone instead of using up the whole Job’s backoffLimit.' },
  'job:maxFailedIndexes': { text: 'With backoffLimitPerIndex: how many indexes may fail before the whole Job is failed.' },
  'job:ttlSecondsAfterFinished': {
    text: {
      CronJob: 'Seconds to keep each Job this CronJob creates after it finishes (succeeded or failed); then the Job is deleted, and its pods with it. The history limits delete old Jobs too: whichever comes first removes a Job. `0` deletes it right away.',
      other: 'Seconds to keep the Job after it finishes (succeeded or failed); then it is deleted, and its pods with it. Keeps finished Jobs from piling up. `0` deletes it right away; left out, it stays until you delete it.',
    },
  },
  'job:activeDeadlineSeconds': { text: 'A time limit for the whole Job, counted from its start (retries included). When it is reached, running pods are stopped and the Job fails with reason DeadlineExceeded — even if backoffLimit was not reached.' },
  'job:completionMode': {
    text: 'Whether the pods are interchangeable (NonIndexed) or each gets its own number (Indexed).',
    default: '`NonIndexed`',
    values: {
      NonIndexed: 'Any successful pod counts toward completions; pods are interchangeable.',
      Indexed: 'Each pod gets an index from 0 to completions−1 (in the `batch.kubernetes.io/job-completion-index` annotation and the `JOB_COMPLETION_INDEX` env var); the Job is done when every index has succeeded once. Needs completions.',
    },
  },
  'job:suspend': { text: '`true` stops the Job from creating pods (running ones are terminated) until it is set back to `false`.', default: '`false`' },
  'job:selector': { text: 'Usually left out: the Job generates a unique selector for its pods. Set it only with manualSelector.' },
  'job:manualSelector': { text: 'Lets you provide your own selector instead of the generated one. Rarely needed, and risky: a selector that overlaps another Job’s pods confuses both.', default: '`false`' },
  'job:template': {
    text: { CronJob: 'The pod each Job created by this CronJob runs. Its restartPolicy must be `Never` or `OnFailure`.', other: 'The pod this Job runs. Its restartPolicy must be `Never` or `OnFailure`: a Job’s pods are meant to end.' },
  },
  'job:podFailurePolicy': { text: 'Rules that look at how a pod failed (exit codes, pod conditions) and decide: fail the whole Job at once, ignore the failure, or count it against backoffLimit. Requires restartPolicy `Never`.' },
  'job:podFailurePolicy.rules': { text: 'Checked in order; the first rule matching a failed pod decides what happens. A failure no rule matches counts against backoffLimit.' },
  'job:podFailurePolicy.rules[].action': {
    text: 'What happens when the rule matches a failed pod.',
    values: {
      FailJob: 'The whole Job fails at once and its running pods are stopped.',
      Ignore: 'The failure is not counted against backoffLimit; a replacement pod is made.',
      Count: 'The failure counts against backoffLimit, as without a policy.',
      FailIndex: 'Only this index fails (Indexed Jobs with backoffLimitPerIndex).',
    },
  },
  'job:podFailurePolicy.rules[].onExitCodes': { text: 'Matches pods by the exit codes of their containers (`In` or `NotIn` a list).' },
  'job:podFailurePolicy.rules[].onPodConditions': { text: 'Matches pods by a condition, e.g. `DisruptionTarget` for pods evicted or preempted.' },
  'job:podReplacementPolicy': {
    text: 'When a replacement pod may be created: as soon as the old one starts terminating, or only once it has fully failed.',
    default: '`TerminatingOrFailed` (`Failed` when podFailurePolicy is set)',
    values: {
      TerminatingOrFailed: 'A replacement is created as soon as the old pod is terminating, so two may briefly run together.',
      Failed: 'A replacement waits until the old pod has fully failed: never two at once.',
    },
  },
  'job:successPolicy': { text: 'For Indexed Jobs: declare the Job succeeded once chosen indexes (or a count of them) succeed, without waiting for all.' },

  // ── CronJob spec ─────────────────────────────────────────────────────────────────
  'cronjob:': { text: 'When to create Jobs, what they look like, and what to do with overlapping or missed runs.' },
  'cronjob:schedule': {
    text: 'When to create a Job, in five-field cron: minute, hour, day of month, month, day of week (0 = Sunday). `*/5 * * * *` = every 5 minutes. Times are read in `timeZone`, or the controller’s zone (usually UTC) without it.',
  },
  'cronjob:timeZone': {
    text: 'The IANA time zone the schedule is read in (`Europe/Berlin`, `America/New_York`, `Etc/UTC`). Without it, the kube-controller-manager’s own zone is used — usually UTC, which surprises people.',
    default: 'the kube-controller-manager’s local time zone (usually UTC)',
  },
  'cronjob:jobTemplate': { text: 'The Job to create at each scheduled time. Each run is a new Job, which then runs its pods and handles retries itself.' },
  'cronjob:jobTemplate.spec': { text: 'The spec of each created Job: completions, parallelism, backoffLimit, ttlSecondsAfterFinished and the pod template.' },
  'cronjob:concurrencyPolicy': {
    text: 'What to do when a run is due while the previous Job is still running.',
    default: '`Allow`',
    values: {
      Allow: 'Start the new Job anyway; runs may overlap.',
      Forbid: 'Skip the new run while the previous Job is still running (it counts as missed).',
      Replace: 'Delete the running Job and start the new one in its place.',
    },
  },
  'cronjob:suspend': { text: '`true` stops new Jobs from being created (Jobs already running go on). When you unsuspend it, the latest run missed meanwhile may start at once, unless it is older than startingDeadlineSeconds.', default: '`false`' },
  'cronjob:successfulJobsHistoryLimit': { text: 'How many finished successful Jobs (and their pods) to keep for inspection; older ones are deleted.', default: '`3`' },
  'cronjob:failedJobsHistoryLimit': { text: 'How many failed Jobs (and their pods) to keep for inspection; older ones are deleted.', default: '`1`' },
  'cronjob:startingDeadlineSeconds': { text: 'How late a run may still start, in seconds, if it could not start on time (controller down, Forbid, suspended). Later than that and the run is skipped. Without it there is no deadline. Either way, after a gap only the latest missed run is started, never all of them (the controller warns when more than 100 were missed).' },

  // ── Pod template ─────────────────────────────────────────────────────────────────
  'template:': { text: 'The pod to create: its labels (metadata) and its spec. Changing it affects new pods only.' },
  'template:metadata': { text: 'Labels and annotations the created pods get. The labels must match the selector.' },
  'template:spec': { text: 'The pod itself: containers, volumes, tolerations, placement rules, restartPolicy.' },

  // ── Pod spec ─────────────────────────────────────────────────────────────────────
  'pod:': { text: 'The pod itself: containers, volumes, tolerations, placement rules, restartPolicy.' },
  'pod:containers': { text: 'The containers of the pod, all started together on the same node and sharing its network and volumes. At least one is required.' },
  'pod:initContainers': { text: 'Containers that run one by one, each to completion, before the main containers start (an init container with restartPolicy `Always` is a sidecar that keeps running).' },
  'pod:restartPolicy': {
    text: {
      DaemonSet: 'What the kubelet does when a container exits. A DaemonSet only accepts `Always`: its pod is an agent that should never stop.',
      Job: 'What the kubelet does when a container exits. Retries happen at two levels: the kubelet restarts containers inside the same pod (OnFailure), and the Job controller creates new pods (Never), up to backoffLimit. A Job accepts only `Never` or `OnFailure`.',
      CronJob: 'What the kubelet does when a container exits. The kubelet may restart containers inside the pod (OnFailure); the Job controller creates new pods (Never), up to backoffLimit. Only `Never` or `OnFailure` are accepted here.',
      other: 'What the kubelet does when a container of the pod exits.',
    },
    default: { DaemonSet: '`Always`', Job: '`Always` — which a Job rejects, so set `Never` or `OnFailure`', CronJob: '`Always` — which a Job rejects, so set `Never` or `OnFailure`', other: '`Always`' },
    values: {
      Always: { DaemonSet: 'The kubelet restarts the container whenever it exits, even with exit code 0 — what a node agent needs. The only value a DaemonSet accepts.', Job: 'Rejected for a Job: its pods must be able to finish. Use `Never` or `OnFailure`.', CronJob: 'Rejected for a CronJob’s Job: its pods must be able to finish. Use `Never` or `OnFailure`.', other: 'The kubelet restarts the container whenever it exits.' },
      OnFailure: { DaemonSet: 'Rejected for a DaemonSet, which accepts only `Always`.', other: 'If the container fails (non-zero exit), the kubelet restarts it where it is — same pod, same node — waiting longer each time. The pod is not replaced, and those restarts count toward backoffLimit.' },
      Never: { DaemonSet: 'Rejected for a DaemonSet, which accepts only `Always`.', other: 'If the container fails, the kubelet leaves it stopped and the pod ends as Failed. The Job controller then creates a new pod (a fresh start, maybe on another node), until more pods have failed than backoffLimit allows. Failed pods are kept, so you can read their logs.' },
    },
  },
  'pod:tolerations': {
    text: {
      DaemonSet: 'Taints keep pods off nodes; a toleration lets this pod onto nodes with a matching taint (it does not pull the pod there). The DaemonSet controller adds tolerations for node trouble by itself (not-ready, unreachable, disk/memory/pid pressure, unschedulable), but not for the control-plane taint: kubeadm and kind control-plane nodes carry `node-role.kubernetes.io/control-plane:NoSchedule`, so list it here to run there too. `operator: Exists` with no key tolerates every taint.',
      other: 'Taints keep pods off nodes; a toleration lets this pod onto nodes with a matching taint (it does not pull the pod there). Control-plane nodes of kubeadm and kind clusters carry `node-role.kubernetes.io/control-plane:NoSchedule`. `operator: Exists` with no key tolerates every taint.',
    },
  },
  'pod:tolerations[]': { text: 'One toleration: which taint (key, value, effect) it matches and, for NoExecute, for how long.' },
  'pod:tolerations[].key': {
    text: 'The taint key this toleration matches, e.g. `node-role.kubernetes.io/control-plane`. Left out (with operator Exists) it matches every taint key.',
    values: {
      'node-role.kubernetes.io/control-plane': 'The taint kubeadm and kind put on control-plane nodes, with effect NoSchedule, to keep ordinary workloads off them. Tolerate it to run there too.',
      'node-role.kubernetes.io/master': 'The control-plane taint’s old name, no longer set by kubeadm since Kubernetes 1.25; harmless to keep for old clusters.',
      'node.kubernetes.io/not-ready': 'Set by the node controller when a node stops reporting ready (NoExecute). DaemonSet pods tolerate it automatically.',
      'node.kubernetes.io/unreachable': 'Set by the node controller when it loses contact with a node (NoExecute). Pods without a toleration are evicted after 300 s by default; DaemonSet pods tolerate it automatically.',
      'node.kubernetes.io/unschedulable': 'Set on a cordoned node (`kubectl cordon`, drain). DaemonSet pods tolerate it automatically.',
      'node.kubernetes.io/disk-pressure': 'Set while the node runs low on disk. DaemonSet pods tolerate it automatically.',
      'node.kubernetes.io/memory-pressure': 'Set while the node runs low on memory. DaemonSet pods tolerate it automatically.',
      'node.kubernetes.io/pid-pressure': 'Set while the node runs low on process ids. DaemonSet pods tolerate it automatically.',
      'node.kubernetes.io/network-unavailable': 'Set until the node’s network is configured. DaemonSet pods with hostNetwork tolerate it automatically (network plugins need to start there first).',
      'node.cloudprovider.kubernetes.io/uninitialized': 'Set on a new node until the cloud controller manager has initialized it.',
    },
  },
  'pod:tolerations[].operator': {
    text: 'How the taint’s value is compared.',
    default: '`Equal`',
    values: {
      Exists: 'Matches any value of the key, so `value` must be left out. Without a key too, it matches every taint on every node — how kube-proxy runs everywhere.',
      Equal: 'Matches only taints whose value equals `value`.',
      Lt: 'Numeric: matches taints whose (integer) value is less than `value` (behind the TaintTolerationComparisonOperators feature gate).',
      Gt: 'Numeric: matches taints whose (integer) value is greater than `value` (behind the TaintTolerationComparisonOperators feature gate).',
    },
  },
  'pod:tolerations[].value': { text: 'The taint value to match with operator Equal; must be empty with Exists.' },
  'pod:tolerations[].effect': {
    text: 'Which taint effect this toleration matches; left out, it matches all effects.',
    values: TAINT_EFFECTS,
  },
  'pod:tolerations[].tolerationSeconds': { text: 'Only for effect NoExecute: how long the pod may stay on a node after the taint appears before it is evicted. Left out, it stays forever.' },
  'pod:nodeSelector': { text: 'Labels a node must have for the pod to be placed there (all of them). For a DaemonSet this narrows “every node” down to the matching nodes.' },
  'pod:nodeSelector.*': { text: 'A node label the node must have, with exactly this value.' },
  'pod:nodeName': { text: 'Binds the pod to one named node, bypassing the scheduler. Rarely right in a template: a DaemonSet with it runs on that one node only.' },
  'pod:affinity': { text: 'Richer placement rules than nodeSelector: required or preferred node labels (nodeAffinity) and placement relative to other pods (podAffinity / podAntiAffinity).' },
  'pod:affinity.nodeAffinity': { text: 'Rules on node labels. A DaemonSet honours the required rules when it picks nodes.' },
  'pod:affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution': { text: 'Hard rule: the pod only goes to nodes matching one of the nodeSelectorTerms (terms are ORed; expressions in a term are ANDed). Nodes whose labels change later keep their pods.' },
  'pod:affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution': { text: 'Soft rule: weighted preferences; the scheduler favours matching nodes but still uses others.' },
  'pod:affinity.podAffinity': { text: 'Place the pod near pods with certain labels (same node, zone… per topologyKey).' },
  'pod:affinity.podAntiAffinity': { text: 'Keep the pod away from pods with certain labels (e.g. one replica per node or zone).' },
  'pod:volumes': { text: 'Storage the pod’s containers can mount: each entry names a source (hostPath, emptyDir, configMap, secret, a claim…) that containers mount by its name in volumeMounts.' },
  'pod:volumes[]': { text: 'One volume: a name for volumeMounts to refer to, and exactly one source.' },
  'pod:volumes[].name': { text: 'The name containers use in volumeMounts[].name to mount this volume.' },
  'pod:volumes[].hostPath': { text: 'A file or directory of the node itself mounted into the pod — how a node log collector reads `/var/log`. Powerful and risky: the pod sees (and may change) the node’s files, and the content differs from node to node.' },
  'pod:volumes[].hostPath.path': {
    text: 'The path on the node, e.g. `/var/log`.',
    values: {
      '/var/log': 'The node’s log directory. Container logs live below it (`/var/log/pods`, with links in `/var/log/containers`), which is why log collectors mount it.',
      '/var/log/pods': 'Where the kubelet keeps each pod’s container logs on the node.',
      '/var/log/containers': 'One link per running container to its log file under `/var/log/pods`; log shippers usually tail these.',
      '/var/lib/docker/containers': 'Docker’s own container log files; only present on nodes that run Docker.',
      '/var/run/docker.sock': 'The Docker API socket: whoever can reach it controls every container on the node.',
      '/run/containerd/containerd.sock': 'The containerd API socket: whoever can reach it controls every container on the node.',
      '/proc': 'The node’s process information (node exporters read it); mount it read-only.',
      '/sys': 'The node’s kernel and device information; mount it read-only unless a driver needs more.',
      '/': 'The node’s whole filesystem. Rarely needed (monitoring agents mount it read-only); a writable mount gives the pod the node.',
      '/var/lib/kubelet': 'The kubelet’s state, including every pod’s volumes; CSI node plugins mount it (with mount propagation).',
      '/etc/machine-id': 'The node’s machine id, used by journald-reading agents.',
    },
  },
  'pod:volumes[].hostPath.type': { text: 'What must exist at the path before the pod starts; the kubelet checks it.', default: '`""` (no check)', values: HOST_PATH_TYPES },
  'pod:volumes[].emptyDir': { text: 'A scratch directory created empty when the pod starts and deleted with the pod; shared by the pod’s containers.' },
  'pod:volumes[].configMap': { text: 'Files made from a ConfigMap’s keys.' },
  'pod:volumes[].secret': { text: 'Files made from a Secret’s keys (kept in memory on the node).' },
  'pod:volumes[].persistentVolumeClaim': { text: 'Storage from a PersistentVolumeClaim; outlives the pod.' },
  'pod:volumes[].projected': { text: 'Several sources (secrets, configMaps, downward API, service-account token) in one directory.' },
  'pod:serviceAccountName': { text: 'The ServiceAccount whose identity (and RBAC permissions) the pod’s processes use toward the API.', default: '`default`' },
  'pod:hostNetwork': { text: 'Run in the node’s network namespace: the pod sees the node’s interfaces and ports (common for network agents). Its ports may clash with the node’s.', default: '`false`' },
  'pod:hostPID': { text: 'Share the node’s process namespace: the pod sees every process on the node.', default: '`false`' },
  'pod:dnsPolicy': { text: 'How the pod resolves names. With hostNetwork, use `ClusterFirstWithHostNet` to keep cluster DNS.', default: '`ClusterFirst`' },
  'pod:priorityClassName': { text: 'The pod’s priority. Node agents often use `system-node-critical` so they are not evicted first and can preempt other pods.' },
  'pod:terminationGracePeriodSeconds': { text: 'Seconds between the stop signal (SIGTERM) and the forced kill (SIGKILL) when the pod is stopped.', default: '`30`' },
  'pod:activeDeadlineSeconds': { text: 'A time limit for this one pod, after which the kubelet stops it. Unlike the Job’s activeDeadlineSeconds it applies to each pod separately, and a DaemonSet pod does not accept it.' },
  'pod:securityContext': { text: 'Security settings for every container of the pod: user and group ids, fsGroup, seccomp…' },
  'pod:imagePullSecrets': { text: 'Secrets with registry credentials for pulling private images.' },
  'pod:schedulerName': { text: 'Which scheduler places the pod.', default: '`default-scheduler`' },

  // ── Container ────────────────────────────────────────────────────────────────────
  'container:': { text: 'One container of the pod: the image to run, its command, resources and mounts.' },
  'container:name': { text: 'The container’s name, unique within the pod (used by `kubectl logs -c`).' },
  'container:image': { text: 'The image to run, e.g. `busybox:1.36`. Pin a tag (or digest): without one, `:latest` is used and may change under you.' },
  'container:imagePullPolicy': {
    text: 'When the kubelet pulls the image.',
    default: '`Always` for `:latest` or no tag, else `IfNotPresent`',
    values: { Always: 'Check the registry every time a container starts.', IfNotPresent: 'Pull only if the node does not have the image yet.', Never: 'Never pull; the image must already be on the node.' },
  },
  'container:command': { text: 'The program to run and its first arguments, replacing the image’s ENTRYPOINT. It is not run through a shell: use `["/bin/sh", "-c", "…"]` for shell syntax. A relative path like `bin/sh` only works because it is resolved from the working directory.' },
  'container:args': { text: 'Arguments for the command, replacing the image’s CMD.' },
  'container:workingDir': { text: 'The directory the command starts in; default is the image’s.' },
  'container:env': { text: 'Environment variables for the container, given directly or taken from ConfigMaps, Secrets or pod fields.' },
  'container:envFrom': { text: 'Turns every key of a ConfigMap or Secret into an environment variable.' },
  'container:ports': { text: 'Ports the container listens on. Informational mostly; with hostPort it binds the node’s port too.' },
  'container:resources': { text: 'How much CPU and memory the container asks for (requests, used by the scheduler to pick a node) and may use at most (limits, enforced on the node).' },
  'container:resources.requests': { text: 'What the scheduler reserves for the container: the pod only goes to a node with this much unreserved capacity. The container may use more if the node has it free.' },
  'container:resources.limits': { text: 'The hard cap: above the CPU limit the container is throttled, above the memory limit it is killed (OOMKilled). If requests are left out, they default to the limits.' },
  'container:resources.requests.*': { text: 'The amount reserved for this resource.' },
  'container:resources.limits.*': { text: 'The most of this resource the container may use.' },
  'container:resources.claims': { text: 'Dynamic resource claims (DRA) of the pod this container uses.' },
  'container:volumeMounts': { text: 'Where the pod’s volumes appear inside this container. Each mount names a volume from the pod’s `volumes` list.' },
  'container:volumeMounts[]': { text: 'One mount: which volume (name) and where (mountPath).' },
  'container:volumeMounts[].name': { text: 'The name of a volume in the pod’s `volumes` list; it must exist.' },
  'container:volumeMounts[].mountPath': { text: 'The directory inside the container where the volume appears; whatever the image had there is hidden.' },
  'container:volumeMounts[].readOnly': { text: 'Mount read-only. A good idea for hostPath mounts an agent only reads.', default: '`false`' },
  'container:volumeMounts[].subPath': { text: 'Mount only this sub-path of the volume instead of its root.' },
  'container:securityContext': { text: 'Security settings for this container: privileged, capabilities, user id, read-only root filesystem…' },
  'container:livenessProbe': { text: 'A check the kubelet runs periodically; when it fails, the container is restarted.' },
  'container:readinessProbe': { text: 'A check that tells whether the container is ready for traffic (and, for a DaemonSet update, available).' },
  'container:startupProbe': { text: 'A check that holds off the other probes until the application has started.' },
  'container:restartPolicy': { text: 'Only for init containers: `Always` turns it into a sidecar that starts before the main containers and keeps running beside them.', values: { Always: 'A sidecar: started before the main containers, kept running, stopped after them.' } },
  'container:lifecycle': { text: 'Hooks run right after the container starts (postStart) and before it stops (preStop).' },
};

/**
 * Notes keyed by `<ObjectType>.<field>`, for types that appear in many places (every probe, every
 * env var, both kinds of node-selector requirement). Used when no path note matches.
 */
export const TYPE_NOTES: Record<string, FieldNote> = {
  'EnvVar.name': { text: 'The variable’s name as the process sees it.' },
  'EnvVar.value': { text: 'A literal value; `$(OTHER_VAR)` references to earlier variables are expanded.' },
  'EnvVar.valueFrom': { text: 'Take the value from somewhere else: a ConfigMap or Secret key, a pod field (fieldRef) or a container resource (resourceFieldRef).' },
  'EnvVarSource.fieldRef': { text: 'A field of the pod itself, e.g. `spec.nodeName` (which node a DaemonSet pod runs on), `metadata.namespace`, `status.podIP`.' },
  'ObjectFieldSelector.fieldPath': { text: 'Which pod field to read, e.g. `spec.nodeName`, `metadata.name`, `status.hostIP`.' },
  'EnvVarSource.configMapKeyRef': { text: 'One key of a ConfigMap in the same namespace.' },
  'EnvVarSource.secretKeyRef': { text: 'One key of a Secret in the same namespace.' },
  'EnvVarSource.resourceFieldRef': { text: 'A resource request or limit of a container, e.g. `limits.memory`.' },
  'ConfigMapKeySelector.name': { text: 'The ConfigMap’s name.' },
  'ConfigMapKeySelector.key': { text: 'The key inside the ConfigMap.' },
  'SecretKeySelector.name': { text: 'The Secret’s name.' },
  'SecretKeySelector.key': { text: 'The key inside the Secret.' },
  'ConfigMapKeySelector.optional': { text: '`true`: start the container even if the ConfigMap or key is missing.', default: '`false`' },
  'SecretKeySelector.optional': { text: '`true`: start the container even if the Secret or key is missing.', default: '`false`' },
  'EnvFromSource.configMapRef': { text: 'Every key of this ConfigMap becomes an environment variable.' },
  'EnvFromSource.secretRef': { text: 'Every key of this Secret becomes an environment variable.' },
  'EnvFromSource.prefix': { text: 'A prefix added to every variable name taken from the source.' },
  'ConfigMapEnvSource.name': { text: 'The ConfigMap’s name.' },
  'ConfigMapEnvSource.optional': { text: '`true`: start even if the ConfigMap is missing.', default: '`false`' },
  'SecretEnvSource.name': { text: 'The Secret’s name.' },
  'ContainerPort.containerPort': { text: 'The port the process listens on inside the container. Listing it is mostly documentation: the port is reachable either way.' },
  'ContainerPort.name': { text: 'A name for the port (at most 15 characters) that Services and probes can refer to instead of the number.' },
  'ContainerPort.protocol': { text: 'The port’s protocol.', default: '`TCP`' },
  'ContainerPort.hostPort': { text: 'Also open this port on the node’s own address. For a DaemonSet this works (one pod per node), but two pods wanting the same hostPort cannot share a node.' },
  'Probe.initialDelaySeconds': { text: 'Seconds to wait after the container starts before the first check.', default: '`0`' },
  'Probe.periodSeconds': { text: 'Seconds between checks.', default: '`10`' },
  'Probe.timeoutSeconds': { text: 'Seconds a check may take before it counts as failed.', default: '`1`' },
  'Probe.failureThreshold': { text: 'How many failed checks in a row make the probe fail.', default: '`3`' },
  'Probe.successThreshold': { text: 'How many successes in a row make it pass again (must be 1 for liveness and startup).', default: '`1`' },
  'Probe.httpGet': { text: 'Check by HTTP GET: any status from 200 to 399 is a success.' },
  'Probe.exec': { text: 'Check by running a command inside the container: exit code 0 is a success.' },
  'Probe.tcpSocket': { text: 'Check by opening a TCP connection: connecting is a success.' },
  'Probe.grpc': { text: 'Check with the gRPC health-checking protocol.' },
  'HTTPGetAction.path': { text: 'The URL path to request, e.g. `/healthz`.' },
  'HTTPGetAction.port': { text: 'The port to call: a number or a named container port.' },
  'ExecAction.command': { text: 'The command to run; not run through a shell unless you call one.' },
  'LifecycleHandler.exec': { text: 'Run a command inside the container.' },
  'Lifecycle.preStop': { text: 'Runs before the container is stopped (within the grace period), e.g. to drain work.' },
  'Lifecycle.postStart': { text: 'Runs right after the container is created; the container is not marked running until it ends.' },
  'SecurityContext.privileged': { text: 'Run with nearly all the node’s powers (all devices, all capabilities). Some node agents need it; anything else should not have it.', default: '`false`' },
  'SecurityContext.capabilities': { text: 'Linux capabilities to add to or drop from the container’s default set.' },
  'Capabilities.add': { text: 'Capabilities to grant, e.g. `NET_ADMIN`, `SYS_ADMIN`.' },
  'Capabilities.drop': { text: 'Capabilities to remove; `ALL` then adding back only what is needed is the safe pattern.' },
  'SecurityContext.readOnlyRootFilesystem': { text: 'Make the container’s own filesystem read-only; writes must go to volumes.', default: '`false`' },
  'SecurityContext.allowPrivilegeEscalation': { text: 'Whether a process can gain more privileges than its parent (setuid binaries). `false` is safer.' },
  'SecurityContext.runAsNonRoot': { text: 'Refuse to start the container if its user would be root.' },
  'SecurityContext.runAsUser': { text: 'The user id the process runs as, overriding the image.' },
  'PodSecurityContext.runAsUser': { text: 'The user id every container’s process runs as, unless a container overrides it.' },
  'PodSecurityContext.fsGroup': { text: 'A group id given to the pod’s volumes, so non-root processes can write to them.' },
  'PodSecurityContext.runAsNonRoot': { text: 'Refuse to start containers whose user would be root.' },
  'PodSecurityContext.seccompProfile': { text: 'The seccomp system-call filter for the pod’s containers.' },
  'SeccompProfile.type': { text: 'Which seccomp profile: `RuntimeDefault` (the container runtime’s default filter, a sensible choice), `Localhost` (a file on the node) or `Unconfined`.' },
  'VolumeMount.mountPropagation': {
    text: 'Whether mounts made later on one side (node or container) show up on the other.',
    default: '`None`',
    values: {
      None: 'No propagation: the container sees the node’s mounts as they were at start.',
      HostToContainer: 'Mounts the node makes later appear in the container (storage and log agents watching new mounts).',
      Bidirectional: 'Mounts go both ways; only for privileged containers such as CSI drivers.',
    },
  },
  'NodeSelector.nodeSelectorTerms': { text: 'Alternatives: a node qualifies if it matches any one term.' },
  'NodeSelectorTerm.matchExpressions': { text: 'Conditions on node labels; a node must meet all of them.' },
  'NodeSelectorTerm.matchFields': { text: 'Conditions on node fields (only `metadata.name`). The DaemonSet controller uses this to pin each pod to its node.' },
  'NodeSelectorRequirement.key': { text: 'The node label to test, e.g. `kubernetes.io/os`.' },
  'NodeSelectorRequirement.operator': { text: 'How to test the label.', values: { In: 'The label’s value is one of `values`.', NotIn: 'The label is missing or its value is none of `values`.', Exists: 'The node has the label, whatever its value (`values` must be empty).', DoesNotExist: 'The node does not have the label.', Gt: 'The label’s value, as an integer, is greater than the single value given.', Lt: 'The label’s value, as an integer, is less than the single value given.' } },
  'NodeSelectorRequirement.values': { text: 'The values to compare with; empty for Exists and DoesNotExist, a single integer for Gt and Lt.' },
  'LabelSelectorRequirement.key': { text: 'The label to test.' },
  'LabelSelectorRequirement.operator': { text: 'How to test the label: In, NotIn, Exists or DoesNotExist.' },
  'LabelSelectorRequirement.values': { text: 'The values for In and NotIn; empty for Exists and DoesNotExist.' },
  'ConfigMapVolumeSource.name': { text: 'The ConfigMap whose keys become files.' },
  'ConfigMapVolumeSource.items': { text: 'Only these keys, each at the file path given; without it, every key becomes a file named after it.' },
  'ConfigMapVolumeSource.defaultMode': { text: 'File permission bits for the files (octal in YAML like `0644`, or decimal).' },
  'SecretVolumeSource.secretName': { text: 'The Secret whose keys become files.' },
  'SecretVolumeSource.items': { text: 'Only these keys, each at the file path given; without it, every key becomes a file.' },
  'KeyToPath.key': { text: 'The key to take.' },
  'KeyToPath.path': { text: 'The file name (relative path) it becomes inside the volume.' },
  'EmptyDirVolumeSource.medium': { text: '`Memory` keeps the directory in RAM (tmpfs), counted against the container’s memory.' },
  'EmptyDirVolumeSource.sizeLimit': { text: 'The most the directory may hold; past it the pod is evicted.' },
  'PersistentVolumeClaimVolumeSource.claimName': { text: 'The PersistentVolumeClaim to mount (same namespace).' },
  'Container.terminationMessagePolicy': { text: 'Where the short message shown on termination comes from: the file at terminationMessagePath, or also the end of the log when that file is empty (FallbackToLogsOnError).', default: '`File`' },
  'Container.terminationMessagePath': { text: 'The file the container may write a final message to.', default: '`/dev/termination-log`' },
  'Container.stdin': { text: 'Keep a stdin open for the container (for interactive tools).', default: '`false`' },
  'Container.tty': { text: 'Give the container a terminal.', default: '`false`' },
  'PodSpec.automountServiceAccountToken': { text: '`false` keeps the API token out of the pod when it does not talk to the API.' },
  'PodSpec.hostIPC': { text: 'Share the node’s IPC namespace (shared memory).', default: '`false`' },
  'PodSpec.enableServiceLinks': { text: 'Inject environment variables for every Service in the namespace (old-style discovery).', default: '`true`' },
  'PodSpec.shareProcessNamespace': { text: 'Let the pod’s containers see each other’s processes.', default: '`false`' },
  'PodSpec.preemptionPolicy': { text: 'Whether this pod may evict lower-priority pods to get a place.', default: '`PreemptLowerPriority`' },
  'PodSpec.topologySpreadConstraints': { text: 'Spread matching pods evenly across nodes, zones or other topology domains.' },
  'PodSpec.runtimeClassName': { text: 'Which container runtime configuration (RuntimeClass) runs the pod, e.g. a sandboxed one.' },
  'PodSpec.hostname': { text: 'The pod’s hostname; default is the pod name.' },
  'PodSpec.dnsConfig': { text: 'Extra DNS settings (nameservers, searches, options) merged into the pod’s resolver configuration.' },
  'ResourceRequirements.requests': { text: 'What the scheduler reserves for the container: the pod only goes to a node with this much unreserved capacity.' },
  'ResourceRequirements.limits': { text: 'The hard cap: above the CPU limit the container is throttled, above the memory limit it is killed (OOMKilled).' },
  'WeightedPodAffinityTerm.weight': { text: 'How much this preference counts (1–100) when nodes are scored.' },
  'PreferredSchedulingTerm.weight': { text: 'How much this preference counts (1–100) when nodes are scored.' },
  'PodSpec.serviceAccount': { text: 'The old name of serviceAccountName; use that instead.' },
  'SecurityContext.seccompProfile': { text: 'The seccomp system-call filter for this container.' },
  'SecurityContext.runAsGroup': { text: 'The primary group id the process runs as.' },
  'PodSecurityContext.runAsGroup': { text: 'The primary group id every container’s process runs as.' },
  'PodFailurePolicyOnExitCodesRequirement.operator': { text: 'Whether the exit code must be In or NotIn the list.', values: { In: 'Matches when a container exited with one of the listed codes.', NotIn: 'Matches when a container exited with a code not in the list (0 never counts as a failure).' } },
  'PodFailurePolicyOnExitCodesRequirement.values': { text: 'The exit codes to test; 0 is not allowed with In.' },
  'PodFailurePolicyOnExitCodesRequirement.containerName': { text: 'Only look at this container’s exit code; without it, any container counts.' },
  'PodFailurePolicyOnPodConditionsPattern.type': { text: 'The pod condition to look for, e.g. `DisruptionTarget` (evicted, preempted, node drained).' },
  'SuccessPolicy.rules': { text: 'The Job succeeds as soon as any one rule is met.' },
  'SuccessPolicyRule.succeededIndexes': { text: 'Indexes that must all succeed, e.g. `0,2-4`.' },
  'SuccessPolicyRule.succeededCount': { text: 'How many indexes (of succeededIndexes, if given) must succeed.' },
  'LocalObjectReference.name': { text: 'The name of the object (in the same namespace).' },
  'PodAffinityTerm.topologyKey': { text: 'The node label that defines “near”: `kubernetes.io/hostname` = same node, `topology.kubernetes.io/zone` = same zone.' },
};

export function pickByKind(text: ByKind | undefined, kind: string | undefined): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const byKind = text as Record<string, string | undefined>;
  return (kind ? byKind[kind] : undefined) ?? byKind.other;
}

export interface NoteHit {
  key: string;
  scope: Scope;
  note: FieldNote;
}

/** The note for a path in a document of `kind`, or undefined when we have no words for it. */
export function noteFor(kind: string | undefined, segs: readonly PathSeg[]): NoteHit | undefined {
  const { scope, rest } = scopeOf(kind, segs);
  const exact = `${scope}:${rest}`;
  if (hasOwn(NOTES, exact)) return { key: exact, scope, note: NOTES[exact] };
  const last = segs[segs.length - 1];
  if (typeof last === 'string' && segs.length > 1) {
    // A free-form map key (resources.requests.cpu, nodeSelector[kubernetes.io/os]): the map's `*` entry.
    const parent = scopeOf(kind, segs.slice(0, -1));
    const star = `${parent.scope}:${parent.rest ? `${parent.rest}.` : ''}*`;
    if (hasOwn(NOTES, star)) return { key: star, scope: parent.scope, note: NOTES[star] };
    if (kind === 'DaemonSet' || kind === 'Job' || kind === 'CronJob') {
      const hit = fieldAt(kind, segs);
      const typeKey = hit?.parentType && hit.field?.name === last ? `${hit.parentType.name}.${last}` : undefined;
      if (typeKey && hasOwn(TYPE_NOTES, typeKey)) return { key: typeKey, scope, note: TYPE_NOTES[typeKey] };
    }
  }
  return undefined;
}

/** A short sentence for well-known resource names (cpu, memory…). */
export function resourceNameNote(name: string): string | undefined {
  return own(RESOURCE_NAMES, name);
}

/** The explanation of one value of a field, if we have one. */
export function valueNote(hit: NoteHit | undefined, value: string, kind: string | undefined): string | undefined {
  const values = hit?.note.values;
  if (!values || !Object.prototype.hasOwnProperty.call(values, value)) return undefined;
  return pickByKind(values[value], kind);
}
