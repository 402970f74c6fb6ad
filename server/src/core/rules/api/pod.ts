import type { PathSeg } from '../../model/path';
import { canonicalQuantity, parseQuantity } from '../../quantity';
import { API, Errors } from './collect';
import { inclusiveRange, supportedValues } from './errors';
import { isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum } from './names';
import { validateAnnotations, validateLabelSelector, validateLabels } from './meta';
import { arr, bool, has, int, isObj, obj, str, type Plain, type PlainMap } from './value';

const MAX_INT32 = 2147483647;
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** ValidatePodTemplateSpec: the template's labels and annotations, then its pod spec. */
export function validatePodTemplateSpec(errs: Errors, template: Plain | undefined, segs: PathSeg[]): void {
  if (!isObj(template)) return;
  const meta = obj(template, 'metadata');
  // ValidatePodTemplateSpec names the template's labels and annotations without "metadata" (ObjectMeta is embedded).
  validateLabels(errs, meta?.labels, [...segs, 'labels'], API.metadata, [...segs, 'metadata', 'labels']);
  validateAnnotations(errs, meta?.annotations, [...segs, 'annotations'], [...segs, 'metadata', 'annotations']);
  const spec = obj(template, 'spec');
  if (!spec) {
    if (!has(template, 'spec')) errs.required(API.podSpec, [...segs, 'spec', 'containers'], '', { segs, key: true });
    return;
  }
  const specSegs = [...segs, 'spec'];
  validatePodSpec(errs, spec, specSegs);
  const ephemeral = arr(spec, 'ephemeralContainers');
  if (ephemeral && ephemeral.length > 0) errs.add(API.podSpec, 'Forbidden', [...specSegs, 'ephemeralContainers'], { detail: 'ephemeral containers not allowed in pod template' });
}

/** The restart policy after defaulting (an omitted or empty one becomes Always). */
export function effectiveRestartPolicy(spec: Plain | undefined): string {
  const v = str(spec, 'restartPolicy');
  return v ? v : 'Always';
}

function validatePodSpec(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  const volumes = validateVolumes(errs, arr(spec, 'volumes'), [...segs, 'volumes']);
  const containers = arr(spec, 'containers');
  const initContainers = arr(spec, 'initContainers') ?? [];
  if (containers && containers.length === 0) errs.required(API.containers, [...segs, 'containers']);
  const names = new Set<string>();
  initContainers.forEach((c, i) => validateContainer(errs, c, [...segs, 'initContainers', i], volumes, names, true));
  (containers ?? []).forEach((c, i) => validateContainer(errs, c, [...segs, 'containers', i], volumes, names, false));
  // Host ports conflict across the regular containers; init containers run one by one and are checked alone.
  initContainers.forEach((c, i) => validateHostPorts(errs, spec, segs, [{ c, seg: ['initContainers', i] }]));
  validateHostPorts(errs, spec, segs, (containers ?? []).map((c, i) => ({ c, seg: ['containers', i] as PathSeg[] })));

  const deadline = int(spec, 'activeDeadlineSeconds');
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) errs.invalid(API.podSpec, [...segs, 'activeDeadlineSeconds'], deadline, inclusiveRange(1, MAX_INT32));

  if (str(spec, 'dnsPolicy') === 'None' && !isObj(spec.dnsConfig)) errs.required(API.podSpec, [...segs, 'dnsConfig'], 'must provide `dnsConfig` when `dnsPolicy` is None', { segs: [...segs, 'dnsPolicy'] });
  for (const field of ['hostname', 'subdomain']) {
    const v = str(spec, field);
    if (v) for (const msg of isDNS1123Label(v)) errs.invalid(API.podSpec, [...segs, field], v, msg);
  }
  for (const field of ['serviceAccountName', 'priorityClassName']) {
    const v = str(spec, field);
    if (v) for (const msg of isDNS1123Subdomain(v)) errs.invalid(API.podSpec, [...segs, field], v, msg);
  }
  validateLabels(errs, spec.nodeSelector, [...segs, 'nodeSelector'], API.podSpec);
  const psc = obj(spec, 'securityContext');
  if (psc) {
    for (const f of ['runAsUser', 'runAsGroup', 'fsGroup']) idRange(errs, psc, f, [...segs, 'securityContext']);
    (arr(psc, 'supplementalGroups') ?? []).forEach((g, i) => {
      if (typeof g === 'number' && (g < 0 || g > MAX_INT32)) errs.invalid(API.podSpec, [...segs, 'securityContext', 'supplementalGroups', i], g, inclusiveRange(0, MAX_INT32));
    });
  }
  validateTolerations(errs, arr(spec, 'tolerations'), [...segs, 'tolerations']);
  validateAffinity(errs, obj(spec, 'affinity'), [...segs, 'affinity']);
  (arr(spec, 'topologySpreadConstraints') ?? []).forEach((c, i) => {
    if (!isObj(c)) return;
    const at = [...segs, 'topologySpreadConstraints', i];
    const skew = int(c, 'maxSkew');
    if (skew !== undefined && skew <= 0) errs.invalid(API.podSpec, [...at, 'maxSkew'], skew, 'must be greater than zero');
    const key = str(c, 'topologyKey');
    if (key === '') errs.required(API.podSpec, [...at, 'topologyKey'], 'can not be empty');
    else if (key !== undefined) for (const msg of isQualifiedName(key)) errs.invalid(API.podSpec, [...at, 'topologyKey'], key, msg);
  });
}

/** ValidateNodeSelectorRequirement. */
function nodeSelectorRequirement(errs: Errors, rq: Plain, segs: PathSeg[]): void {
  if (!isObj(rq)) return;
  const values = arr(rq, 'values') ?? [];
  const op = str(rq, 'operator');
  switch (op) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.required(API.podSpec, [...segs, 'values'], "must be specified when `operator` is 'In' or 'NotIn'", { segs: [...segs, 'operator'] });
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.add(API.podSpec, 'Forbidden', [...segs, 'values'], { detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.required(API.podSpec, [...segs, 'values'], "must be specified single value when `operator` is 'Lt' or 'Gt'", { segs: has(rq, 'values') ? [...segs, 'values'] : [...segs, 'operator'] });
      break;
    default:
      if (op !== undefined) errs.invalid(API.podSpec, [...segs, 'operator'], op, 'not a valid selector operator');
  }
  const key = str(rq, 'key');
  if (key !== undefined) for (const msg of isQualifiedName(key)) errs.invalid(API.podSpec, [...segs, 'key'], key, msg);
}

function nodeSelectorTerm(errs: Errors, term: Plain | undefined, segs: PathSeg[]): void {
  (arr(term, 'matchExpressions') ?? []).forEach((rq, i) => nodeSelectorRequirement(errs, rq, [...segs, 'matchExpressions', i]));
  (arr(term, 'matchFields') ?? []).forEach((rq, i) => {
    if (!isObj(rq)) return;
    const at = [...segs, 'matchFields', i];
    const op = str(rq, 'operator');
    if (op !== undefined && op !== 'In' && op !== 'NotIn') errs.invalid(API.podSpec, [...at, 'operator'], op, 'not a valid selector operator');
    else if ((arr(rq, 'values') ?? []).length !== 1) errs.required(API.podSpec, [...at, 'values'], "must be only one value when `operator` is 'In' or 'NotIn' for node field selector", { segs: [...at, 'operator'] });
    const key = str(rq, 'key');
    if (key !== undefined && key !== 'metadata.name') errs.invalid(API.podSpec, [...at, 'key'], key, 'not a valid field selector key');
  });
}

function podAffinityTerm(errs: Errors, term: Plain | undefined, segs: PathSeg[]): void {
  if (!isObj(term)) return;
  const key = str(term, 'topologyKey');
  if (key === '' ) errs.required(API.podSpec, [...segs, 'topologyKey'], 'can not be empty');
  else if (key !== undefined) for (const msg of isQualifiedName(key)) errs.invalid(API.podSpec, [...segs, 'topologyKey'], key, msg);
  validateLabelSelector(errs, term.labelSelector, [...segs, 'labelSelector'], API.podSpec);
  validateLabelSelector(errs, term.namespaceSelector, [...segs, 'namespaceSelector'], API.podSpec);
}

function weight(errs: Errors, term: Plain, segs: PathSeg[]): void {
  const w = int(term, 'weight');
  if (w !== undefined && (w <= 0 || w > 100)) errs.invalid(API.podSpec, [...segs, 'weight'], w, 'must be in the range 1-100');
}

/** validateAffinity: node affinity terms, pod (anti-)affinity terms. */
function validateAffinity(errs: Errors, affinity: PlainMap | undefined, segs: PathSeg[]): void {
  if (!affinity) return;
  const node = obj(affinity, 'nodeAffinity');
  if (node) {
    const reqSegs = [...segs, 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'];
    const required = obj(node, 'requiredDuringSchedulingIgnoredDuringExecution');
    if (required) {
      const terms = arr(required, 'nodeSelectorTerms') ?? [];
      if (terms.length === 0) errs.required(API.podSpec, [...reqSegs, 'nodeSelectorTerms'], 'must have at least one node selector term', { segs: has(required, 'nodeSelectorTerms') ? [...reqSegs, 'nodeSelectorTerms'] : reqSegs, key: true });
      terms.forEach((t, i) => nodeSelectorTerm(errs, t, [...reqSegs, 'nodeSelectorTerms', i]));
    }
    (arr(node, 'preferredDuringSchedulingIgnoredDuringExecution') ?? []).forEach((t, i) => {
      const at = [...segs, 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', i];
      weight(errs, t, at);
      nodeSelectorTerm(errs, obj(t, 'preference'), [...at, 'preference']);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = obj(affinity, kind);
    if (!pa) continue;
    (arr(pa, 'requiredDuringSchedulingIgnoredDuringExecution') ?? []).forEach((t, i) => podAffinityTerm(errs, t, [...segs, kind, 'requiredDuringSchedulingIgnoredDuringExecution', i]));
    (arr(pa, 'preferredDuringSchedulingIgnoredDuringExecution') ?? []).forEach((t, i) => {
      const at = [...segs, kind, 'preferredDuringSchedulingIgnoredDuringExecution', i];
      weight(errs, t, at);
      podAffinityTerm(errs, obj(t, 'podAffinityTerm'), [...at, 'podAffinityTerm']);
    });
  }
}

function idRange(errs: Errors, sc: PlainMap, field: string, segs: PathSeg[], rule: typeof API.podSpec | typeof API.containers = API.podSpec): void {
  const v = int(sc, field);
  if (v !== undefined && (v < 0 || v > MAX_INT32)) errs.invalid(rule, [...segs, field], v, inclusiveRange(0, MAX_INT32));
}

/** validateVolumes: names (DNS-1123 labels, unique) and one source each. Returns the volume names. */
function validateVolumes(errs: Errors, volumes: Plain[] | undefined, segs: PathSeg[]): Set<string> {
  const names = new Set<string>();
  (volumes ?? []).forEach((vol, i) => {
    if (!isObj(vol)) return;
    const at = [...segs, i];
    const name = str(vol, 'name');
    if (name === '') errs.required(API.volumes, [...at, 'name']);
    else if (name !== undefined) {
      for (const msg of isDNS1123Label(name)) errs.invalid(API.volumes, [...at, 'name'], name, msg);
      if (names.has(name)) errs.add(API.volumes, 'Duplicate', [...at, 'name'], { value: name });
      names.add(name);
    }
    // A volume with no source at all is defaulted to an emptyDir; every source after the first (in the
    // order validateVolumeSource checks them) is rejected.
    const sources = VOLUME_SOURCES.filter((k) => has(vol, k));
    for (const extra of sources.slice(1)) errs.add(API.volumes, 'Forbidden', [...at, extra === 'downwardAPI' ? 'downwarAPI' : extra], { detail: 'may not specify more than 1 volume type', at: { segs: [...at, extra], key: true } });
    const hostPath = sources[0] === 'hostPath' ? obj(vol, 'hostPath') : undefined;
    if (hostPath) {
      const p = str(hostPath, 'path');
      if (p === '') errs.required(API.volumes, [...at, 'hostPath', 'path']);
      else if (p !== undefined && p.split('/').includes('..')) errs.invalid(API.volumes, [...at, 'hostPath', 'path'], p, "must not contain '..'");
      // hostPath.type outside its enum is the schema rules' finding.
    }
    const configMap = sources[0] === 'configMap' ? obj(vol, 'configMap') : undefined;
    if (configMap) {
      if (str(configMap, 'name') === '' || !has(configMap, 'name')) errs.required(API.volumes, [...at, 'configMap', 'name'], '', { segs: [...at, 'configMap'], key: true });
      fileMode(errs, configMap, 'defaultMode', [...at, 'configMap']);
      keyToPaths(errs, arr(configMap, 'items'), [...at, 'configMap', 'items']);
    }
    const secret = sources[0] === 'secret' ? obj(vol, 'secret') : undefined;
    if (secret) {
      if (str(secret, 'secretName') === '' || !has(secret, 'secretName')) errs.required(API.volumes, [...at, 'secret', 'secretName'], '', { segs: [...at, 'secret'], key: true });
      fileMode(errs, secret, 'defaultMode', [...at, 'secret']);
      keyToPaths(errs, arr(secret, 'items'), [...at, 'secret', 'items']);
    }
    const pvc = sources[0] === 'persistentVolumeClaim' ? obj(vol, 'persistentVolumeClaim') : undefined;
    if (pvc && (str(pvc, 'claimName') === '' || !has(pvc, 'claimName'))) errs.required(API.volumes, [...at, 'persistentVolumeClaim', 'claimName'], '', { segs: [...at, 'persistentVolumeClaim'], key: true });
  });
  return names;
}

function fileMode(errs: Errors, source: PlainMap, field: string, segs: PathSeg[]): void {
  const mode = int(source, field);
  if (mode !== undefined && (mode < 0 || mode > 0o777)) errs.invalid(API.volumes, [...segs, field], mode, FILE_MODE_ERROR);
}

function keyToPaths(errs: Errors, items: Plain[] | undefined, segs: PathSeg[]): void {
  (items ?? []).forEach((item, i) => {
    if (!isObj(item)) return;
    const at = [...segs, i];
    if (!str(item, 'key')) errs.required(API.volumes, [...at, 'key'], '', { segs: at });
    const p = str(item, 'path');
    if (!p) errs.required(API.volumes, [...at, 'path'], '', { segs: at });
    else localPath(errs, p, [...at, 'path'], API.volumes);
    fileMode(errs, item, 'mode', at);
  });
}

/** validateLocalDescendingPath: relative and without '..' steps. */
function localPath(errs: Errors, p: string, segs: PathSeg[], rule: typeof API.volumes | typeof API.containers): void {
  if (p.startsWith('/')) errs.invalid(rule, segs, p, 'must be a relative path');
  if (p.split('/').includes('..')) errs.invalid(rule, segs, p, "must not contain '..'");
}

/** Volume sources in the order validateVolumeSource looks at them. */
const VOLUME_SOURCES = ['emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image'];

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function validateContainer(errs: Errors, c: Plain, segs: PathSeg[], volumes: Set<string>, names: Set<string>, init: boolean): void {
  if (!isObj(c)) return;
  const name = str(c, 'name');
  if (name === '') errs.required(API.containers, [...segs, 'name']);
  else if (name !== undefined) {
    for (const msg of isDNS1123Label(name)) errs.invalid(API.containers, [...segs, 'name'], name, msg);
    if (names.has(name)) errs.add(API.containers, 'Duplicate', [...segs, 'name'], { value: name });
    names.add(name);
  }
  const image = c.image;
  if (image === undefined || image === null || image === '') errs.required(API.containers, [...segs, 'image'], '', has(c, 'image') ? undefined : { segs: [...segs, 'name'] });

  const restartPolicy = str(c, 'restartPolicy');
  const sidecar = init && restartPolicy === 'Always';
  if (restartPolicy !== undefined) {
    if (!init) errs.add(API.containers, 'Forbidden', [...segs, 'restartPolicy'], { detail: 'may not be set for non-init containers' });
    else if (restartPolicy !== 'Always' && ['OnFailure', 'Never'].includes(restartPolicy)) errs.add(API.containers, 'NotSupported', [...segs, 'restartPolicy'], { value: restartPolicy, detail: supportedValues(['Always']) });
  }
  if (init && !sidecar) {
    for (const f of ['lifecycle', ...PROBES]) if (has(c, f)) errs.add(API.containers, 'Forbidden', [...segs, f], { detail: 'may not be set for init containers without restartPolicy=Always', at: { segs: [...segs, f], key: true } });
  }
  if (!init || sidecar) {
    const lifecycle = obj(c, 'lifecycle');
    for (const hook of ['postStart', 'preStop']) {
      const h = obj(lifecycle, hook);
      if (!h) continue;
      const hAt = [...segs, 'lifecycle', hook];
      const handlers = LIFECYCLE_HANDLERS.filter((k) => has(h, k));
      if (handlers.length === 0) errs.required(API.containers, hAt, 'must specify a handler type', { segs: hAt, key: true });
      else if (handlers.length > 1) errs.add(API.containers, 'Forbidden', [...hAt, handlers[1]], { detail: 'may not specify more than 1 handler type', at: { segs: [...hAt, handlers[1]], key: true } });
    }
    for (const p of PROBES) validateProbe(errs, obj(c, p), [...segs, p], p !== 'readinessProbe');
    const readinessGrace = int(obj(c, 'readinessProbe'), 'terminationGracePeriodSeconds');
    if (readinessGrace !== undefined) errs.invalid(API.containers, [...segs, 'readinessProbe', 'terminationGracePeriodSeconds'], readinessGrace, 'must not be set for readinessProbes');
  }

  const portNames = new Set<string>();
  (arr(c, 'ports') ?? []).forEach((port, i) => {
    if (!isObj(port)) return;
    const at = [...segs, 'ports', i];
    const pname = str(port, 'name');
    if (pname) {
      for (const msg of isValidPortName(pname)) errs.invalid(API.containers, [...at, 'name'], pname, msg);
      if (portNames.has(pname)) errs.add(API.containers, 'Duplicate', [...at, 'name'], { value: pname });
      portNames.add(pname);
    }
    const cp = int(port, 'containerPort');
    if (cp === 0) errs.required(API.containers, [...at, 'containerPort']);
    else if (cp !== undefined && !isValidPortNum(cp)) errs.invalid(API.containers, [...at, 'containerPort'], cp, inclusiveRange(1, 65535));
    const hp = int(port, 'hostPort');
    if (hp !== undefined && hp !== 0 && !isValidPortNum(hp)) errs.invalid(API.containers, [...at, 'hostPort'], hp, inclusiveRange(1, 65535));
  });

  (arr(c, 'env') ?? []).forEach((env, i) => {
    if (!isObj(env)) return;
    const at = [...segs, 'env', i];
    const ename = str(env, 'name');
    if (ename === '') errs.required(API.containers, [...at, 'name']);
    else if (ename !== undefined) for (const msg of isEnvVarName(ename)) errs.invalid(API.containers, [...at, 'name'], ename, msg);
    const from = obj(env, 'valueFrom');
    if (from) {
      const sources = Object.keys(from).filter((k) => from[k] !== null);
      if (str(env, 'value')) errs.invalid(API.containers, [...at, 'valueFrom'], '', 'may not be specified when `value` is not empty', { segs: [...at, 'valueFrom'], key: true });
      else if (sources.length > 1) errs.invalid(API.containers, [...at, 'valueFrom'], '', 'may not have more than one field specified at a time', { segs: [...at, 'valueFrom'], key: true });
      for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
        const r = obj(from, ref);
        if (!r) continue;
        if (!str(r, 'name')) errs.required(API.containers, [...at, 'valueFrom', ref, 'name'], '', { segs: [...at, 'valueFrom', ref], key: true });
        if (!str(r, 'key')) errs.required(API.containers, [...at, 'valueFrom', ref, 'key'], '', { segs: [...at, 'valueFrom', ref], key: true });
      }
      const fieldRef = obj(from, 'fieldRef');
      if (fieldRef && !str(fieldRef, 'fieldPath')) errs.required(API.containers, [...at, 'valueFrom', 'fieldRef', 'fieldPath'], '', { segs: [...at, 'valueFrom', 'fieldRef'], key: true });
    }
  });

  (arr(c, 'envFrom') ?? []).forEach((ef, i) => {
    if (!isObj(ef)) return;
    const at = [...segs, 'envFrom', i];
    const prefix = str(ef, 'prefix');
    if (prefix) for (const msg of isEnvVarName(prefix)) errs.invalid(API.containers, [...at, 'prefix'], prefix, msg);
    const sources = ['configMapRef', 'secretRef'].filter((k) => has(ef, k));
    if (sources.length === 0) errs.invalid(API.containers, at, '', 'must specify one of: `configMapRef` or `secretRef`', { segs: at });
    else if (sources.length > 1) errs.invalid(API.containers, at, '', 'may not have more than one field specified at a time', { segs: at });
    for (const ref of sources) {
      const r = obj(ef, ref);
      if (r && !str(r, 'name')) errs.required(API.containers, [...at, ref, 'name'], '', { segs: [...at, ref], key: true });
    }
  });

  const mountPaths = new Set<string>();
  (arr(c, 'volumeMounts') ?? []).forEach((m, i) => {
    if (!isObj(m)) return;
    const at = [...segs, 'volumeMounts', i];
    const mname = str(m, 'name');
    if (mname === '') errs.required(API.containers, [...at, 'name']);
    else if (mname !== undefined && !volumes.has(mname)) errs.add(API.containers, 'NotFound', [...at, 'name'], { value: mname });
    const mp = str(m, 'mountPath');
    if (mp === '') errs.required(API.containers, [...at, 'mountPath']);
    else if (mp !== undefined) {
      if (mountPaths.has(mp)) errs.invalid(API.containers, [...at, 'mountPath'], mp, 'must be unique');
      mountPaths.add(mp);
    }
    const sub = str(m, 'subPath');
    if (sub) localPath(errs, sub, [...at, 'subPath'], API.containers);
    if (str(m, 'mountPropagation') === 'Bidirectional' && bool(obj(c, 'securityContext'), 'privileged') !== true) {
      errs.add(API.containers, 'Forbidden', [...at, 'mountPropagation'], { detail: 'Bidirectional mount propagation is available only to privileged containers' });
    }
    const rro = str(m, 'recursiveReadOnly');
    if ((rro === 'Enabled' || rro === 'IfPossible') && bool(m, 'readOnly') !== true) {
      errs.add(API.containers, 'Forbidden', [...at, 'recursiveReadOnly'], { detail: 'may only be specified when readOnly is true' });
    }
  });

  validateResources(errs, obj(c, 'resources'), [...segs, 'resources']);

  const sc = obj(c, 'securityContext');
  if (sc) {
    for (const f of ['runAsUser', 'runAsGroup']) idRange(errs, sc, f, [...segs, 'securityContext'], API.containers);
    if (bool(sc, 'allowPrivilegeEscalation') === false) {
      if (bool(sc, 'privileged') === true) errs.invalid(API.containers, [...segs, 'securityContext'], { go: 'core.SecurityContext{Privileged:true, AllowPrivilegeEscalation:false}' }, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true', { segs: [...segs, 'securityContext', 'allowPrivilegeEscalation'] });
      const add = arr(obj(sc, 'capabilities'), 'add') ?? [];
      // The check compares the literal string CAP_SYS_ADMIN (SYS_ADMIN, the usual spelling, is accepted).
      if (add.includes('CAP_SYS_ADMIN')) errs.invalid(API.containers, [...segs, 'securityContext'], { go: 'core.SecurityContext{Capabilities:&core.Capabilities{Add:[]core.Capability{"CAP_SYS_ADMIN"}}, AllowPrivilegeEscalation:false}' }, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN', { segs: [...segs, 'securityContext', 'allowPrivilegeEscalation'] });
    }
  }
}

function validateProbe(errs: Errors, probe: PlainMap | undefined, segs: PathSeg[], successMustBeOne: boolean): void {
  if (!probe) return;
  const handlers = HANDLERS.filter((h) => has(probe, h));
  if (handlers.length === 0) errs.required(API.containers, segs, 'must specify a handler type', { segs, key: true });
  else if (handlers.length > 1) errs.add(API.containers, 'Forbidden', [...segs, handlers[1]], { detail: 'may not specify more than 1 handler type', at: { segs: [...segs, handlers[1]], key: true } });
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.nonNegative(API.containers, [...segs, f], int(probe, f));
  const success = int(probe, 'successThreshold');
  // successThreshold defaults to 1 when omitted or 0.
  if (successMustBeOne && success !== undefined && success > 0 && success !== 1) errs.invalid(API.containers, [...segs, 'successThreshold'], success, 'must be 1');
  const grace = int(probe, 'terminationGracePeriodSeconds');
  if (grace !== undefined && grace <= 0 && successMustBeOne) errs.invalid(API.containers, [...segs, 'terminationGracePeriodSeconds'], grace, 'must be greater than 0');
  for (const h of ['httpGet', 'tcpSocket', 'grpc']) {
    const handler = obj(probe, h);
    if (!handler || !has(handler, 'port')) continue;
    const port = handler.port;
    const at = [...segs, h, 'port'];
    if (typeof port === 'number') {
      if (!isValidPortNum(port)) errs.invalid(API.containers, at, port, inclusiveRange(1, 65535));
    } else if (typeof port === 'string' && h !== 'grpc') {
      for (const msg of isValidPortName(port)) errs.invalid(API.containers, at, port, msg);
    }
  }
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}
/** Native resources have no domain or a kubernetes.io one. */
function isNative(name: string): boolean {
  if (!name.includes('/')) return true;
  const domain = name.split('/')[0];
  return domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io');
}

/** ValidateResourceRequirements: names, non-negative amounts, requests ≤ limits, extended resources. */
function validateResources(errs: Errors, resources: PlainMap | undefined, segs: PathSeg[]): void {
  if (!resources) return;
  const read = (field: 'limits' | 'requests'): Map<string, { text: string; value: number }> => {
    const out = new Map<string, { text: string; value: number }>();
    const m = obj(resources, field);
    if (!m) return out;
    for (const [name, raw] of Object.entries(m)) {
      const at = [...segs, field, name];
      if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
        errs.invalid(API.resources, at, name, 'must be a standard resource for containers', { segs: at, key: true });
        continue;
      }
      if (name.includes('/')) for (const msg of isQualifiedName(name)) errs.invalid(API.resources, at, name, msg, { segs: at, key: true });
      const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : undefined;
      const q = text !== undefined ? parseQuantity(text) : undefined;
      if (!q || text === undefined) continue; // malformed quantities are the schema rules' finding
      if (q.value < 0) errs.invalid(API.resources, at, canonicalQuantity(text), 'must be greater than or equal to 0');
      if (!isNative(name) && !Number.isInteger(Math.round(q.value * 1e6) / 1e6)) errs.invalid(API.resources, at, canonicalQuantity(text), 'must be an integer');
      out.set(name, { text, value: q.value });
    }
    return out;
  };
  const limits = read('limits');
  const requests = read('requests');
  for (const [name, req] of requests) {
    const lim = limits.get(name);
    const at = [...segs, 'requests', name];
    const overcommit = isNative(name) && !isHugePages(name);
    if (lim) {
      const equal = Math.abs(req.value - lim.value) <= Math.abs(lim.value) * 1e-12;
      if (!equal && !overcommit) errs.invalid(API.resources, at, canonicalQuantity(req.text), `must be equal to ${name} limit of ${canonicalQuantity(lim.text)}`);
      else if (!equal && req.value > lim.value) errs.invalid(API.resources, at, canonicalQuantity(req.text), `must be less than or equal to ${name} limit of ${canonicalQuantity(lim.text)}`);
    } else if (!overcommit) {
      errs.required(API.resources, [...segs, 'limits', name], 'Limit must be set for non overcommitable resources', { segs: at, key: true });
    }
  }
  const names = [...limits.keys(), ...requests.keys()];
  if (names.some(isHugePages) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    errs.add(API.resources, 'Forbidden', segs, { detail: 'HugePages require cpu or memory', at: { segs, key: true } });
  }
}

/** With hostNetwork every hostPort must equal its containerPort (an omitted hostPort is defaulted to it). Host ports are unique. */
function validateHostPorts(errs: Errors, spec: PlainMap, segs: PathSeg[], containers: Array<{ c: Plain; seg: PathSeg[] }>): void {
  const hostNetwork = bool(spec, 'hostNetwork') === true;
  const seen = new Set<string>();
  for (const { c, seg } of containers) {
    (arr(c, 'ports') ?? []).forEach((port, i) => {
      if (!isObj(port)) return;
      const at = [...segs, ...seg, 'ports', i];
      const cp = int(port, 'containerPort');
      const hp = int(port, 'hostPort');
      // In a pod template an unset hostPort (0) is allowed: it is defaulted only when the Pod is created.
      if (hostNetwork && seg[0] === 'containers' && hp !== undefined && hp !== 0 && hp !== (cp ?? 0)) {
        errs.invalid(API.containers, [...at, 'hostPort'], hp, 'must match `containerPort` when `hostNetwork` is true');
      }
      if (!hp) return;
      const key = `${str(port, 'protocol') || 'TCP'}/${str(port, 'hostIP') ?? ''}/${hp}`;
      if (seen.has(key)) errs.add(API.containers, 'Duplicate', [...at, 'hostPort'], { value: key });
      seen.add(key);
    });
  }
}

/** validateTolerations. */
function validateTolerations(errs: Errors, tolerations: Plain[] | undefined, segs: PathSeg[]): void {
  (tolerations ?? []).forEach((t, i) => {
    if (!isObj(t)) return;
    const at = [...segs, i];
    const key = str(t, 'key') ?? '';
    const operator = str(t, 'operator') ?? '';
    const value = str(t, 'value') ?? (typeof t.value === 'number' || typeof t.value === 'boolean' ? String(t.value) : '');
    const effect = str(t, 'effect') ?? '';
    if (key.length > 0) for (const msg of isQualifiedName(key)) errs.invalid(API.tolerations, [...at, 'key'], key, msg);
    if (key.length === 0 && operator !== 'Exists') {
      errs.invalid(API.tolerations, [...at, 'operator'], operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"', { segs: has(t, 'operator') ? [...at, 'operator'] : at, key: !has(t, 'operator') });
    }
    if (has(t, 'tolerationSeconds') && effect !== 'NoExecute') {
      errs.invalid(API.tolerations, [...at, 'effect'], effect, "effect must be 'NoExecute' when `tolerationSeconds` is set", { segs: has(t, 'effect') ? [...at, 'effect'] : [...at, 'tolerationSeconds'], key: !has(t, 'effect') });
    }
    if (operator === 'Equal' || operator === '') {
      for (const msg of isValidLabelValue(value)) errs.invalid(API.tolerations, [...at, 'operator'], value, msg, { segs: [...at, 'value'] });
    } else if (operator === 'Exists' && value.length > 0) {
      errs.invalid(API.tolerations, [...at, 'operator'], { go: goToleration(key, operator, value, effect) }, "value must be empty when `operator` is 'Exists'", { segs: [...at, 'value'] });
    }
  });
}

function goToleration(key: string, operator: string, value: string, effect: string): string {
  const q = (s: string): string => JSON.stringify(s);
  return `core.Toleration{Key:${q(key)}, Operator:${q(operator)}, Value:${q(value)}, Effect:${q(effect)}, TolerationSeconds:(*int64)(nil)}`;
}
