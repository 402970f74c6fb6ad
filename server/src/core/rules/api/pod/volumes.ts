/** Volumes: names, one source each, and each source's own fields. */
import type { PathSeg } from '../../../model/path';
import { API, Errors } from '../collect';
import { inclusiveRange, supportedValues } from '../errors';
import { podLabelSelector } from './scheduling';
import { isDNS1123Label, isDNS1123Subdomain } from '../names';
import { int, isObj, obj, str, type Plain, type PlainMap } from '../value';
import { items, quantity, requiredField, set, strings } from './common';
import { validateContainerResourceFieldSelector, validateObjectFieldSelector, validatePathNoBacksteps, VOLUME_FIELD_PATHS } from './env';
import { validateLocalDescendingPath } from './securityContext';

const V = API.volumes;
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** Volume sources in the order validateVolumeSource looks at them. */
const VOLUME_SOURCES = ['emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image'];

/** The path segment validateVolumeSource names a source by in its "more than 1 volume type" error (its typos kept). */
const FORBIDDEN_NAME: Record<string, string> = { downwardAPI: 'downwarAPI', cephfs: 'cephFS' };

/** Sources whose only checks are required string fields (the server's Required for "" or absent), with the path segment it uses. */
const REQUIRED_STRINGS: Record<string, Array<[string, string]>> = {
  gcePersistentDisk: [['pdName', 'pdName']],
  awsElasticBlockStore: [['volumeID', 'volumeID']],
  glusterfs: [['endpoints', 'endpoints'], ['path', 'path']],
  cinder: [['volumeID', 'volumeID']],
  quobyte: [['volume', 'volume']],
  flexVolume: [['driver', 'driver']],
  azureFile: [['secretName', 'secretName'], ['shareName', 'shareName']],
  vsphereVolume: [['volumePath', 'volumePath']],
  photonPersistentDisk: [['pdID', 'pdID']],
  portworxVolume: [['volumeID', 'volumeID']],
  azureDisk: [['diskName', 'diskName'], ['diskURI', 'diskURI']],
  scaleIO: [['gateway', 'gateway'], ['system', 'system']],
  iscsi: [['targetPortal', 'targetPortal'], ['iqn', 'iqn']],
};
/** validateGCEPersistentDiskVolumeSource reports under "persistentDisk"; validateCephFSVolumeSource under "cephfs". */
const CHILD_NAME: Record<string, string> = { gcePersistentDisk: 'persistentDisk' };

/** A validated volume: its name when it had no error (registered for mounts), and its source. */
export interface Volumes {
  /** ValidateVolumes' map: only volumes without errors are in it (mounts of the others are "Not found"). */
  names: Map<string, PlainMap>;
  /** Every volume name with its source (validateFileKeyRefVolumes looks at all of them). */
  all: Map<string, PlainMap>;
}

/** mirrors core/validation ValidateVolumes: a volume with any error is left out of the name map. */
export function validateVolumes(errs: Errors, spec: PlainMap, segs: PathSeg[]): Volumes {
  const names = new Map<string, PlainMap>();
  const all = new Map<string, PlainMap>();
  for (const [vol, i] of items(spec, 'volumes')) {
    const at = [...segs, i];
    const el = new Errors();
    validateVolumeSource(el, vol, at);
    const name = str(vol, 'name') ?? '';
    if (name.length === 0) requiredField(el, V, vol, 'name', [...at, 'name'], '', true);
    else for (const msg of isDNS1123Label(name)) el.invalid(V, [...at, 'name'], name, msg);
    if (names.has(name)) el.add(V, 'Duplicate', [...at, 'name'], { value: name });
    if (el.list.length === 0 && el.hidden === 0) names.set(name, vol);
    else {
      errs.list.push(...el.list);
      errs.hidden += el.hidden;
    }
    if (!all.has(name)) all.set(name, vol);
  }
  return { names, all };
}

function fileMode(errs: Errors, source: PlainMap, field: string, segs: PathSeg[]): void {
  const mode = int(source, field);
  if (mode !== undefined && (mode < 0 || mode > 0o777)) errs.invalid(V, [...segs, field], mode, FILE_MODE_ERROR);
}

/** mirrors core/validation ValidateLocalNonReservedPath */
function localNonReservedPath(errs: Errors, p: string, segs: PathSeg[]): void {
  validateLocalDescendingPath(errs, V, p, segs);
  if (p.startsWith('..') && !p.startsWith('../')) errs.invalid(V, segs, p, "must not start with '..'");
}

/** mirrors core/validation validateKeyToPath */
function keyToPath(errs: Errors, kp: PlainMap, segs: PathSeg[]): void {
  if ((str(kp, 'key') ?? '').length === 0) requiredField(errs, V, kp, 'key', [...segs, 'key'], '', true);
  const p = str(kp, 'path') ?? '';
  if (p.length === 0) requiredField(errs, V, kp, 'path', [...segs, 'path'], '', true);
  localNonReservedPath(errs, p, [...segs, 'path']);
  fileMode(errs, kp, 'mode', segs);
}

/** mirrors core/validation validateDownwardAPIVolumeFile (errors on the source's path, as the server reports them) */
function downwardAPIFile(errs: Errors, file: PlainMap, segs: PathSeg[]): void {
  const p = str(file, 'path') ?? '';
  if (p.length === 0) requiredField(errs, V, file, 'path', [...segs, 'path'], '', true);
  localNonReservedPath(errs, p, [...segs, 'path']);
  if (set(file, 'fieldRef')) {
    validateObjectFieldSelector(errs, V, obj(file, 'fieldRef') ?? {}, VOLUME_FIELD_PATHS, [...segs, 'fieldRef']);
    if (set(file, 'resourceFieldRef')) errs.invalid(V, segs, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously');
  } else if (set(file, 'resourceFieldRef')) {
    validateContainerResourceFieldSelector(errs, V, obj(file, 'resourceFieldRef') ?? {}, [...segs, 'resourceFieldRef'], true);
  } else {
    errs.required(V, segs, 'one of fieldRef and resourceFieldRef is required');
  }
  fileMode(errs, file, 'mode', segs);
}

/** mirrors core/validation validateProjectionSources */
function projectionSources(errs: Errors, projected: PlainMap, segs: PathSeg[]): void {
  const paths = new Set<string>();
  const claim = (p: string, value: string): void => {
    if (paths.has(p)) errs.invalid(V, segs, value, 'conflicting duplicate paths');
    else paths.add(p);
  };
  for (const [source, i] of items(projected, 'sources')) {
    const src = [...segs, 'sources', i];
    let n = 0;
    for (const kind of ['secret', 'configMap']) {
      if (!set(source, kind)) continue;
      n++;
      const s = obj(source, kind) ?? {};
      const name = str(s, 'name') ?? '';
      if (name.length === 0) errs.required(V, [...src, kind, 'name']);
      for (const [kp, j] of items(s, 'items')) {
        keyToPath(errs, kp, [...src, kind, 'items', j]);
        const p = str(kp, 'path') ?? '';
        if (p.length > 0) claim(p, name);
      }
    }
    if (set(source, 'downwardAPI')) {
      n++;
      for (const [file] of items(obj(source, 'downwardAPI'), 'items')) {
        downwardAPIFile(errs, file, [...src, 'downwardAPI']);
        const p = str(file, 'path') ?? '';
        if (p.length > 0) claim(p, p);
      }
    }
    if (set(source, 'serviceAccountToken')) {
      n++;
      const t = obj(source, 'serviceAccountToken') ?? {};
      // SetDefaults_ServiceAccountTokenProjection: an omitted expirationSeconds is 3600.
      const exp = set(t, 'expirationSeconds') ? (int(t, 'expirationSeconds') ?? 3600) : 3600;
      const at = [...src, 'serviceAccountToken', 'expirationSeconds'];
      if (exp < 600) errs.invalid(V, at, exp, 'may not specify a duration less than 10 minutes');
      if (exp > 2 ** 32) errs.invalid(V, at, exp, 'may not specify a duration larger than 2^32 seconds');
      const p = str(t, 'path') ?? '';
      if (p === '') requiredField(errs, V, t, 'path', [...segs, 'path'], '', true);
      else localNonReservedPath(errs, p, [...segs, 'path']);
    }
    if (set(source, 'clusterTrustBundle')) {
      n++;
      const b = obj(source, 'clusterTrustBundle') ?? {};
      const at = [...src, 'clusterTrustBundle'];
      const usingName = set(b, 'name');
      const usingSigner = set(b, 'signerName');
      if (usingName && usingSigner) errs.invalid(V, at, { go: 'core.ClusterTrustBundleProjection{…}' }, 'only one of name and signerName may be used');
      else if (usingName) {
        if (str(b, 'name') === '') errs.required(V, [...at, 'name'], 'must be a valid object name');
        if (set(b, 'labelSelector')) errs.invalid(V, [...at, 'labelSelector'], { go: 'v1.LabelSelector{…}' }, 'labelSelector must be unset if name is specified');
      } else if (usingSigner) {
        if (str(b, 'signerName') === '') errs.required(V, [...at, 'signerName'], 'must be a valid signer name');
        podLabelSelector(errs, b.labelSelector as Plain, [...at, 'labelSelector'], V);
      } else errs.required(V, at, 'either name or signerName must be specified');
      const p = str(b, 'path') ?? '';
      if (p === '') requiredField(errs, V, b, 'path', [...at, 'path'], '', true);
      localNonReservedPath(errs, p, [...at, 'path']);
      claim(p, p);
    }
    if (set(source, 'podCertificate')) n++;
    if (n > 1) errs.add(V, 'Forbidden', src, { detail: 'may not specify more than 1 volume type per source' });
  }
}

/** mirrors core/validation validateVolumeSource: the first source is validated, every later one is Forbidden. */
function validateVolumeSource(errs: Errors, vol: PlainMap, segs: PathSeg[]): void {
  // SetDefaults_Volume: a volume without any source becomes an emptyDir.
  const sources = VOLUME_SOURCES.filter((k) => set(vol, k));
  for (const extra of sources.slice(1)) errs.add(V, 'Forbidden', [...segs, FORBIDDEN_NAME[extra] ?? extra], { detail: 'may not specify more than 1 volume type', at: { segs: [...segs, extra], key: true } });
  const kind = sources[0];
  if (!kind) return;
  const src = obj(vol, kind) ?? {};
  const at = [...segs, CHILD_NAME[kind] ?? kind];
  const required = REQUIRED_STRINGS[kind];
  if (required) for (const [f, seg] of required) if ((str(src, f) ?? '') === '') requiredField(errs, V, src, f, [...at, seg], '', true);
  switch (kind) {
    case 'emptyDir': {
      const q = set(src, 'sizeLimit') ? quantity(src.sizeLimit as Plain) : undefined;
      if (q && q.value < 0) errs.add(V, 'Forbidden', [...at, 'sizeLimit'], { detail: 'SizeLimit field must be a valid resource quantity' });
      break;
    }
    case 'hostPath': {
      const p = str(src, 'path') ?? '';
      if (p.length === 0) requiredField(errs, V, src, 'path', [...at, 'path'], '', true);
      else validatePathNoBacksteps(errs, V, p, [...at, 'path']);
      // A type outside the enum is the schema rules' finding (unsupported-value); "" is HostPathUnset.
      break;
    }
    case 'gitRepo':
      if ((str(src, 'repository') ?? '') === '') requiredField(errs, V, src, 'repository', [...at, 'repository'], '', true);
      validateLocalDescendingPath(errs, V, str(src, 'directory') ?? '', [...at, 'directory']);
      break;
    case 'gcePersistentDisk':
    case 'awsElasticBlockStore': {
      const part = int(src, 'partition') ?? 0;
      if (part < 0 || part > 255) errs.invalid(V, [...at, 'partition'], part, 'must be a number between 0 and 255, both inclusive');
      break;
    }
    case 'secret':
    case 'configMap': {
      const nameField = kind === 'secret' ? 'secretName' : 'name';
      if ((str(src, nameField) ?? '') === '') errs.required(V, [...at, nameField], '', { segs: at, key: true });
      fileMode(errs, src, 'defaultMode', at);
      for (const [kp, j] of items(src, 'items')) keyToPath(errs, kp, [...at, 'items', j]);
      break;
    }
    case 'nfs': {
      if ((str(src, 'server') ?? '') === '') requiredField(errs, V, src, 'server', [...at, 'server'], '', true);
      const p = str(src, 'path') ?? '';
      if (p === '') requiredField(errs, V, src, 'path', [...at, 'path'], '', true);
      if (!p.startsWith('/')) errs.invalid(V, [...at, 'path'], p, 'must be an absolute path');
      break;
    }
    case 'flocker': {
      const name = str(src, 'datasetName') ?? '';
      const uuid = str(src, 'datasetUUID') ?? '';
      if (name === '' && uuid === '') errs.required(V, at, 'one of datasetName and datasetUUID is required');
      if (name !== '' && uuid !== '') errs.invalid(V, at, 'resource', 'datasetName and datasetUUID can not be specified simultaneously');
      if (name.includes('/')) errs.invalid(V, [...at, 'datasetName'], name, "must not contain '/'");
      break;
    }
    case 'persistentVolumeClaim':
      if ((str(src, 'claimName') ?? '') === '') errs.required(V, [...at, 'claimName'], '', { segs: at, key: true });
      break;
    case 'rbd':
      if (strings(src, 'monitors').length === 0) requiredField(errs, V, src, 'monitors', [...at, 'monitors'], '', true);
      if ((str(src, 'image') ?? '') === '') requiredField(errs, V, src, 'image', [...at, 'image'], '', true);
      break;
    case 'cephfs':
      if (strings(src, 'monitors').length === 0) requiredField(errs, V, src, 'monitors', [...at, 'monitors'], '', true);
      break;
    case 'downwardAPI':
      fileMode(errs, src, 'defaultMode', at);
      for (const [file] of items(src, 'items')) downwardAPIFile(errs, file, at);
      break;
    case 'fc': {
      const wwns = strings(src, 'targetWWNs');
      const wwids = strings(src, 'wwids');
      if (wwns.length < 1 && wwids.length < 1) errs.required(V, [...at, 'targetWWNs'], 'must specify either targetWWNs or wwids, but not both');
      if (wwns.length !== 0 && wwids.length !== 0) errs.invalid(V, [...at, 'targetWWNs'], { go: `[]string{${wwns.map((w) => JSON.stringify(w)).join(', ')}}` }, 'targetWWNs and wwids can not be specified simultaneously');
      if (wwns.length !== 0) {
        const lun = int(src, 'lun');
        if (!set(src, 'lun')) errs.required(V, [...at, 'lun'], 'lun is required if targetWWNs is specified');
        else if (lun !== undefined && (lun < 0 || lun > 255)) errs.invalid(V, [...at, 'lun'], lun, inclusiveRange(0, 255));
      }
      break;
    }
    case 'projected':
      fileMode(errs, src, 'defaultMode', at);
      projectionSources(errs, src, at);
      break;
    case 'csi': {
      const driver = str(src, 'driver') ?? '';
      if (driver === '') requiredField(errs, V, src, 'driver', [...at, 'driver'], '', true);
      else {
        if (driver.length > 63) errs.add(V, 'TooLong', [...at, 'driver'], { detail: 'may not be more than 63 bytes' });
        for (const msg of isDNS1123Subdomain(driver.toLowerCase())) errs.invalid(V, [...at, 'driver'], driver, msg);
      }
      const ref = obj(src, 'nodePublishSecretRef');
      if (set(src, 'nodePublishSecretRef')) {
        const name = str(ref, 'name') ?? '';
        if (name === '') errs.required(V, [...at, 'nodePublishSecretRef', 'name']);
        else for (const msg of isDNS1123Subdomain(name)) errs.invalid(V, [...at, 'name'], name, msg);
      }
      break;
    }
    case 'ephemeral': {
      if (!set(src, 'volumeClaimTemplate')) {
        errs.required(V, [...at, 'volumeClaimTemplate']);
        break;
      }
      const tmpl = obj(src, 'volumeClaimTemplate') ?? {};
      const spec = obj(tmpl, 'spec') ?? {};
      const specAt = [...at, 'volumeClaimTemplate', 'spec'];
      if (strings(spec, 'accessModes').length === 0) errs.required(V, [...specAt, 'accessModes'], 'at least 1 access mode is required');
      const storage = obj(obj(spec, 'resources'), 'requests')?.storage;
      // fldPath.Child("resources").Key("storage"): resources[storage]
      const storageAt = [...specAt, 'resources', 'storage'];
      const pathText = `${storageAt.slice(0, -1).map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')}[storage]`;
      const where = { segs: [...specAt, 'resources', 'requests', 'storage'] };
      if (storage === undefined) errs.list.push({ rule: V, type: 'Required', segs: storageAt, pathText, at: where });
      else {
        const q = quantity(storage);
        if (q && q.value <= 0) errs.list.push({ rule: V, type: 'Invalid', segs: storageAt, pathText, value: q.text, detail: 'must be greater than zero', at: where });
      }
      break;
    }
    case 'image':
      // validateImageVolumeSource: reference is required only for Pods (ResourceIsPod), not templates.
      if (str(src, 'pullPolicy') === '') { /* defaulted by SetDefaults_Volume */ }
      break;
    default:
      break;
  }
}

