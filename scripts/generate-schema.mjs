// Generates server/src/core/schema/generated/schema.ts from the models of @kubernetes/client-node:
// every type reachable from apps/v1 DaemonSet and batch/v1 Job and CronJob, with field types
// (attributeTypeMap in the .js model), descriptions and optionality (the .d.ts), plus the facts the
// client models do not carry: which strings are resource quantities and each enum's valid values
// (taken from the Kubernetes API types and their validation code).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = join(root, 'node_modules/@kubernetes/client-node/dist/gen/models');
const outFile = join(root, 'server/src/core/schema/generated/schema.ts');
const self = fileURLToPath(import.meta.url);

const ROOTS = { DaemonSet: 'V1DaemonSet', Job: 'V1Job', CronJob: 'V1CronJob' };

/** Fields whose value (or map values) is a resource.Quantity; the client models type them as string. */
const QUANTITIES = {
  V1ResourceRequirements: ['limits', 'requests'],
  V1VolumeResourceRequirements: ['limits', 'requests'],
  V1EmptyDirVolumeSource: ['sizeLimit'],
  V1PodSpec: ['overhead'],
  V1ResourceFieldSelector: ['divisor'],
  V1PersistentVolumeClaimStatus: ['capacity', 'allocatedResources'],
  V1ContainerStatus: ['allocatedResources'],
};

/**
 * Valid values of the API's string enums (the `+enum` types of k8s.io/api core/v1, apps/v1 and batch/v1
 * and the values pkg/apis/{core,apps,batch}/validation accepts). Values behind feature gates are
 * included, so no manifest some cluster accepts is flagged.
 */
const ENUMS = {
  V1PodSpec: {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  V1PodOS: { name: ['linux', 'windows'] },
  V1Container: {
    imagePullPolicy: ['Always', 'Never', 'IfNotPresent'],
    terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
    restartPolicy: ['Always', 'OnFailure', 'Never'],
  },
  V1EphemeralContainer: {
    imagePullPolicy: ['Always', 'Never', 'IfNotPresent'],
    terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
    restartPolicy: ['Always', 'OnFailure', 'Never'],
  },
  V1ContainerPort: { protocol: ['TCP', 'UDP', 'SCTP'] },
  V1ContainerResizePolicy: { resourceName: ['cpu', 'memory'], restartPolicy: ['NotRequired', 'RestartContainer'] },
  V1HTTPGetAction: { scheme: ['HTTP', 'HTTPS'] },
  V1SecurityContext: { procMount: ['Default', 'Unmasked'] },
  V1SeccompProfile: { type: ['Unconfined', 'RuntimeDefault', 'Localhost'] },
  V1AppArmorProfile: { type: ['Unconfined', 'RuntimeDefault', 'Localhost'] },
  V1PodSecurityContext: {
    fsGroupChangePolicy: ['OnRootMismatch', 'Always'],
    supplementalGroupsPolicy: ['Merge', 'Strict'],
    seLinuxChangePolicy: ['MountOption', 'Recursive'],
  },
  V1Toleration: { operator: ['Exists', 'Equal', 'Lt', 'Gt'], effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  V1NodeSelectorRequirement: { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
  V1LabelSelectorRequirement: { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
  V1TopologySpreadConstraint: {
    whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'],
    nodeAffinityPolicy: ['Honor', 'Ignore'],
    nodeTaintsPolicy: ['Honor', 'Ignore'],
  },
  V1HostPathVolumeSource: { type: ['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'] },
  V1VolumeMount: { mountPropagation: ['None', 'HostToContainer', 'Bidirectional'], recursiveReadOnly: ['Disabled', 'IfPossible', 'Enabled'] },
  V1PersistentVolumeClaimSpec: { volumeMode: ['Filesystem', 'Block'], accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] },
  V1ImageVolumeSource: { pullPolicy: ['Always', 'Never', 'IfNotPresent'] },
  V1DaemonSetUpdateStrategy: { type: ['RollingUpdate', 'OnDelete'] },
  V1JobSpec: { completionMode: ['NonIndexed', 'Indexed'], podReplacementPolicy: ['TerminatingOrFailed', 'Failed'] },
  V1PodFailurePolicyRule: { action: ['FailJob', 'FailIndex', 'Ignore', 'Count'] },
  V1PodFailurePolicyOnExitCodesRequirement: { operator: ['In', 'NotIn'] },
  V1PodFailurePolicyOnPodConditionsPattern: { status: ['True', 'False', 'Unknown'] },
  V1CronJobSpec: { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
};

/**
 * Enums whose empty string the API server rejects (the rest are defaulted when "" or take "" as a value:
 * pod restartPolicy and dnsPolicy, imagePullPolicy, protocol, probe scheme, toleration operator and effect,
 * hostPath type, image volume pullPolicy, onPodConditions status, concurrencyPolicy, update strategy type),
 * with the field.Error type it answers. Measured with the 1.36 create path for every enum above.
 */
const EMPTY_REJECTED = {
  V1JobSpec: { completionMode: 'NotSupported', podReplacementPolicy: 'NotSupported' },
  V1PodFailurePolicyRule: { action: 'Required' },
  V1PodFailurePolicyOnExitCodesRequirement: { operator: 'Required' },
  V1PersistentVolumeClaimSpec: { accessModes: 'NotSupported', volumeMode: 'NotSupported' },
  V1VolumeMount: { mountPropagation: 'NotSupported', recursiveReadOnly: 'NotSupported' },
  V1ContainerResizePolicy: { resourceName: 'Required', restartPolicy: 'Required' },
  V1Container: { restartPolicy: 'NotSupported' },
  V1SecurityContext: { procMount: 'NotSupported' },
  V1SeccompProfile: { type: 'Required' },
  V1AppArmorProfile: { type: 'Required' },
  V1PodSecurityContext: { fsGroupChangePolicy: 'NotSupported', supplementalGroupsPolicy: 'NotSupported', seLinuxChangePolicy: 'NotSupported' },
  V1LabelSelectorRequirement: { operator: 'Invalid' },
  V1TopologySpreadConstraint: { whenUnsatisfiable: 'NotSupported', nodeAffinityPolicy: 'NotSupported', nodeTaintsPolicy: 'NotSupported' },
  V1PodSpec: { preemptionPolicy: 'Required' },
  V1PodOS: { name: 'Required' },
};

/**
 * Fields the OpenAPI lists as required that a cluster still accepts when omitted (defaulting fills
 * them or validation does not insist), so they must not be reported.
 */
const NOT_REALLY_REQUIRED = new Set([
  'V1PodFailurePolicyOnPodConditionsPattern.status',
  'V1Sysctl.value',
  'V1HTTPHeader.value',
  'V1SleepAction.seconds',
  'V1ISCSIVolumeSource.lun',
  'V1PreferredSchedulingTerm.preference',
  'V1PodFailurePolicy.rules',
]);

if (existsSync(outFile) && statSync(outFile).mtimeMs > statSync(self).mtimeMs) process.exit(0);
if (!existsSync(modelsDir)) {
  console.error(`generate-schema: ${modelsDir} is missing; run npm install`);
  process.exit(1);
}

const types = {};
const queue = Object.values(ROOTS);
const seen = new Set(queue);
while (queue.length) {
  const apiName = queue.shift();
  const info = readModel(apiName);
  types[kubeName(apiName)] = info.type;
  for (const next of info.refs) {
    if (!seen.has(next)) {
      seen.add(next);
      queue.push(next);
    }
  }
}
checkTables();

const data = { source: '@kubernetes/client-node ' + clientVersion(), roots: Object.fromEntries(Object.entries(ROOTS).map(([k, v]) => [k, kubeName(v)])), types };
const json = JSON.stringify(data);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(
  outFile,
  '// Generated by scripts/generate-schema.mjs. Do not edit.\n' +
    "import type { SchemaData } from '../data';\n" +
    `export const schemaData: SchemaData = JSON.parse(${JSON.stringify(json)}) as SchemaData;\n`,
);
console.log(`generate-schema: ${Object.keys(types).length} types -> ${outFile.slice(root.length + 1)}`);

function kubeName(apiName) {
  return apiName.replace(/^(Core)?V\d+((alpha|beta)\d+)?/, '');
}

function readModel(apiName) {
  const js = readFileSync(join(modelsDir, `${apiName}.js`), 'utf8');
  const dts = readFileSync(join(modelsDir, `${apiName}.d.ts`), 'utf8');
  const m = js.match(/\.attributeTypeMap = (\[[\s\S]*?\]);/);
  if (!m) throw new Error(`no attributeTypeMap in ${apiName}.js`);
  const attributes = JSON.parse(m[1]);
  const { description, props } = readDeclaration(dts, apiName);
  const refs = new Set();
  const fields = attributes.map((a) => {
    const prop = props.get(a.name);
    if (!prop) throw new Error(`${apiName}.${a.name} has no declaration`);
    const shape = toShape(a.type, a.format, refs);
    const quantity = QUANTITIES[apiName]?.includes(a.baseName);
    if (quantity) {
      if (shape.type === 'map') shape.values = { type: 'quantity' };
      else if (shape.type === 'string') shape.type = 'quantity';
      else throw new Error(`${apiName}.${a.baseName} is not a string or map; cannot be a quantity`);
    }
    const values = ENUMS[apiName]?.[a.baseName];
    if (values) {
      const target = shape.type === 'array' ? shape.items : shape;
      if (target.type !== 'string') throw new Error(`${apiName}.${a.baseName} is not a string; cannot be an enum`);
      target.enum = values;
      const empty = EMPTY_REJECTED[apiName]?.[a.baseName];
      if (empty) target.emptyRejected = empty;
    }
    const field = { name: a.baseName, ...shape, required: !prop.optional && !NOT_REALLY_REQUIRED.has(`${apiName}.${a.baseName}`) };
    if (prop.description) field.description = prop.description;
    return field;
  });
  const type = { name: kubeName(apiName), fields };
  if (description) type.description = description;
  return { type, refs };
}

function toShape(type, format, refs) {
  type = type.trim();
  let m = type.match(/^Array<(.+)>$/);
  if (m) return { type: 'array', items: toShape(m[1], format, refs) };
  m = type.match(/^\{ \[key: string\]: (.+?);? \}$/);
  if (m) return { type: 'map', values: toShape(m[1], format, refs) };
  switch (type) {
    case 'string':
      return format ? { type: 'string', format } : { type: 'string' };
    case 'number':
      return format === 'int32' || format === 'int64' ? { type: 'integer', format } : format ? { type: 'number', format } : { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return { type: 'date-time', format: format || 'date-time' };
    case 'IntOrString':
      return { type: 'int-or-string' };
    case 'any':
    case 'object':
      return { type: 'any' };
  }
  if (/^V\d+\w*$/.test(type) || /^Core\w+$/.test(type)) {
    refs.add(type);
    return { type: 'object', ref: kubeName(type) };
  }
  throw new Error(`unknown model type ${type}`);
}

/** The class comment and, per property, its comment and whether it is optional (`?`). */
function readDeclaration(dts, apiName) {
  const classMatch = dts.match(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export declare class /);
  const description = classMatch ? cleanComment(classMatch[1]) : undefined;
  const props = new Map();
  const body = dts.slice(dts.indexOf(`export declare class ${apiName}`));
  const re = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?'([^']+)'(\??):/g;
  let m;
  while ((m = re.exec(body))) props.set(m[2], { optional: m[3] === '?', description: m[1] ? cleanComment(m[1]) : undefined });
  return { description, props };
}

function cleanComment(text) {
  const out = text
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .join('\n')
    .trim()
    .replace(/\\'/g, "'");
  return out || undefined;
}

function checkTables() {
  for (const [table, entries] of [['QUANTITIES', QUANTITIES], ['ENUMS', ENUMS]]) {
    for (const [apiName, fields] of Object.entries(entries)) {
      const type = types[kubeName(apiName)];
      if (!type) continue;
      for (const f of Array.isArray(fields) ? fields : Object.keys(fields)) {
        if (!type.fields.some((x) => x.name === f)) throw new Error(`${table}: ${apiName}.${f} does not exist`);
      }
    }
  }
  for (const entry of NOT_REALLY_REQUIRED) {
    const [apiName, f] = entry.split('.');
    if (!types[kubeName(apiName)]?.fields.some((x) => x.name === f)) throw new Error(`NOT_REALLY_REQUIRED: ${entry} does not exist`);
  }
  const names = new Map();
  for (const apiName of seen) {
    const k = kubeName(apiName);
    if (names.has(k) && names.get(k) !== apiName) throw new Error(`two types named ${k}: ${names.get(k)} and ${apiName}`);
    names.set(k, apiName);
  }
}

function clientVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules/@kubernetes/client-node/package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}
