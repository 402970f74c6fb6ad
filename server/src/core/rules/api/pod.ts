/**
 * Pod template validation, mirroring core/validation ValidatePodTemplateSpec and ValidatePodSpec.
 * The areas live in ./pod/: containers.ts (names, ports, mounts, probes, lifecycle), env.ts (env and
 * envFrom), securityContext.ts (security contexts, seccomp/AppArmor, sysctls, hostUsers, Windows),
 * scheduling.ts (affinity, tolerations, topology spread), volumes.ts, resources.ts.
 * Checks run on the manifest after the server's defaulting (SetDefaults_PodSpec and friends) as the
 * API server would see it; a null list item is a zero struct and is validated too.
 */
import type { PathSeg } from '../../model/path';
import { gateEnabled } from '../../versions';
import { API, Errors } from './collect';
import { inclusiveRange, supportedValues } from './errors';
import { validateAnnotations, validateLabels } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import { has, int, isObj, obj, str, type Plain, type PlainMap } from './value';
import { items, leftToSchema, MAX_INT32, set, strings } from './pod/common';
import { validateContainers, validateInitContainers, type PodContext } from './pod/containers';
import { validatePodResourceClaims, validatePodResources } from './pod/resources';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './pod/scheduling';
import { hostUsers, validateHostUsers, validateOSFields, validatePodSecurityContext, validateWindowsHostProcessPod } from './pod/securityContext';
import { visitContainers } from './pod/visit';
import { validateVolumes } from './pod/volumes';

const P = API.podSpec;

/**
 * mirrors core/validation ValidatePodTemplateSpec: the template's labels and annotations, then its pod spec.
 * A missing template or spec is the zero value the server decodes, so its leaves are reported
 * (`…spec.containers: Required value`).
 */
export function validatePodTemplateSpec(errs: Errors, template: Plain | undefined, segs: PathSeg[]): void {
  const t = isObj(template) ? template : {};
  const meta = obj(t, 'metadata');
  // ValidatePodTemplateSpec names the template's labels and annotations without "metadata" (ObjectMeta is embedded).
  validateLabels(errs, meta?.labels, [...segs, 'labels'], API.metadata, [...segs, 'metadata', 'labels']);
  validateAnnotations(errs, meta?.annotations, [...segs, 'annotations'], [...segs, 'metadata', 'annotations']);
  const spec = obj(t, 'spec') ?? {};
  const specSegs = [...segs, 'spec'];
  // A missing spec is the schema rules' finding; the server names the leaf it then misses.
  if (!set(t, 'spec')) errs.required(API.podSpec, [...specSegs, 'containers'], '', { segs, key: true });
  validatePodSpec(errs, spec, specSegs);
  const ephemeral = spec.ephemeralContainers;
  if (Array.isArray(ephemeral) && ephemeral.length > 0) errs.add(P, 'Forbidden', [...specSegs, 'ephemeralContainers'], { detail: 'ephemeral containers not allowed in pod template' });
}

/** The restart policy after defaulting (an omitted or empty one becomes Always). */
export function effectiveRestartPolicy(spec: Plain | undefined): string {
  const v = str(spec, 'restartPolicy');
  return v ? v : 'Always';
}

/** mirrors core/validation ValidatePodSpec, in its order. */
function validatePodSpec(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  // SetDefaults_PodSpec: terminationGracePeriodSeconds defaults to 30.
  const grace = set(spec, 'terminationGracePeriodSeconds') ? int(spec, 'terminationGracePeriodSeconds') : 30;
  const os = set(spec, 'os') ? (str(obj(spec, 'os'), 'name') ?? '') : undefined;
  const volumes = validateVolumes(errs, spec, [...segs, 'volumes']);
  const podClaims = validatePodResourceClaims(errs, spec, [...segs, 'resourceClaims']);
  const ctx: PodContext = { volumes: volumes.names, podClaims, gracePeriod: grace, restartPolicy: effectiveRestartPolicy(spec), hostUsers: hostUsers(spec), os: os === '' ? undefined : os };
  if (set(spec, 'containers')) validateContainers(errs, spec, [...segs, 'containers'], ctx);
  validateInitContainers(errs, spec, [...segs, 'initContainers'], ctx);
  validatePodResources(errs, spec, [...segs, 'resources'], ctx.os);

  validatePodHostNetworkDeps(errs, spec, segs);
  // restartPolicy and dnsPolicy: "" is defaulted; other values are outside the schema enum.
  validateLabels(errs, spec.nodeSelector, [...segs, 'nodeSelector'], P);
  validatePodSecurityContext(errs, spec, segs);
  validateAffinity(errs, spec, [...segs, 'affinity']);
  validatePodDNSConfig(errs, spec, [...segs, 'dnsConfig']);
  for (const [gate, i] of items(spec, 'readinessGates')) {
    const type = str(gate, 'conditionType') ?? '';
    for (const msg of isQualifiedName(type)) errs.invalid(P, [...segs, 'readinessGates', i, 'conditionType'], type, msg);
  }
  const gates = new Set<string>();
  for (const [gate, i] of items(spec, 'schedulingGates')) {
    const name = str(gate, 'name') ?? '';
    for (const msg of isQualifiedName(name)) errs.invalid(P, [...segs, 'schedulingGates', i], name, msg, { segs: [...segs, 'schedulingGates', i, 'name'] });
    if (gates.has(name)) errs.add(P, 'Duplicate', [...segs, 'schedulingGates', i], { value: name, at: { segs: [...segs, 'schedulingGates', i, 'name'] } });
    gates.add(name);
  }
  validateTopologySpreadConstraints(errs, spec, [...segs, 'topologySpreadConstraints']);
  validateWindowsHostProcessPod(errs, spec, segs);
  validateHostUsers(errs, spec, segs);
  validatePodHostName(errs, spec, segs);
  for (const field of ['serviceAccountName', 'nodeName']) {
    const v = str(spec, field) ?? '';
    if (v.length > 0) for (const msg of isDNS1123Subdomain(v)) errs.invalid(P, [...segs, field], v, msg);
  }
  const deadline = int(spec, 'activeDeadlineSeconds');
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) errs.invalid(P, [...segs, 'activeDeadlineSeconds'], deadline, inclusiveRange(1, MAX_INT32));
  for (const field of ['hostname', 'subdomain']) {
    const v = str(spec, field) ?? '';
    if (v.length > 0) for (const msg of isDNS1123Label(v)) errs.invalid(P, [...segs, field], v, msg);
  }
  validateTolerations(errs, spec, [...segs, 'tolerations']);
  for (const [alias, i] of items(spec, 'hostAliases')) {
    const ip = str(alias, 'ip') ?? '';
    if (ip !== '' || set(alias, 'ip')) ipAddress(errs, ip, [...segs, 'hostAliases', i, 'ip']);
    strings(alias, 'hostnames').forEach((h, j) => { for (const msg of isDNS1123Subdomain(h)) errs.invalid(P, [...segs, 'hostAliases', i, 'hostnames', j], h, msg); });
  }
  const priorityClass = str(spec, 'priorityClassName') ?? '';
  if (priorityClass.length > 0) for (const msg of isDNS1123Subdomain(priorityClass)) errs.invalid(P, [...segs, 'priorityClassName'], priorityClass, msg);
  // ValidateRuntimeClassName: any set value, "" included, must be a DNS subdomain.
  if (set(spec, 'runtimeClassName')) {
    const v = str(spec, 'runtimeClassName') ?? '';
    for (const msg of isDNS1123Subdomain(v)) errs.invalid(P, [...segs, 'runtimeClassName'], v, msg);
  }
  // preemptionPolicy "" is the schema rules' finding (Required).
  if (os !== undefined) {
    if (os === '') {
      // "" is the schema rules' finding (Required), absent their missing-required-field.
    } else if (os !== 'linux' && os !== 'windows') {
      // validateOS names spec.os; the schema rules name spec.os.name.
      errs.add(P, 'NotSupported', [...segs, 'os'], { value: os, detail: supportedValues(['linux', 'windows']), at: { segs: [...segs, 'os', 'name'] } });
    }
    else validateOSFields(errs, spec, segs, os);
  }
  // version: GenericWorkload (alpha, off in 1.36) drops schedulingGroup before validation; 1.34 rejects it as an unknown field.
  validateFileKeyRefVolumes(errs, spec, segs, volumes.all);
}

/** mirrors core/validation validatePodHostNetworkDeps (in a template an unset hostPort is allowed: it is defaulted in the Pod) */
function validatePodHostNetworkDeps(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  if (spec.hostNetwork !== true) return;
  for (const [c, i] of items(spec, 'containers')) {
    for (const [port, j] of items(c, 'ports')) {
      const hp = int(port, 'hostPort') ?? 0;
      const cp = int(port, 'containerPort') ?? 0;
      if (hp !== 0 && hp !== cp) errs.invalid(API.containers, [...segs, 'containers', i, 'ports', j, 'hostPort'], hp, 'must match `containerPort` when `hostNetwork` is true');
    }
  }
}

/** mirrors core/validation validatePodDNSConfig */
function validatePodDNSConfig(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  const config = set(spec, 'dnsConfig') ? (obj(spec, 'dnsConfig') ?? {}) : undefined;
  const nameservers = strings(config, 'nameservers');
  if (str(spec, 'dnsPolicy') === 'None') {
    if (!config) return errs.required(P, segs, 'must provide `dnsConfig` when `dnsPolicy` is None', { segs: [...segs.slice(0, -1), 'dnsPolicy'] });
    if (nameservers.length === 0) return errs.required(P, [...segs, 'nameservers'], 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  }
  if (!config) return;
  if (nameservers.length > 3) errs.invalid(P, [...segs, 'nameservers'], { go: `[]string{${nameservers.map((n) => JSON.stringify(n)).join(', ')}}` }, 'must not have more than 3 nameservers');
  nameservers.forEach((ns, i) => ipAddress(errs, ns, [...segs, 'nameservers', i]));
  const searches = strings(config, 'searches');
  const goSearches = { go: `[]string{${searches.map((n) => JSON.stringify(n)).join(', ')}}` };
  if (searches.length > 32) errs.invalid(P, [...segs, 'searches'], goSearches, 'must not have more than 32 search paths');
  if (searches.join(' ').length > 2048) errs.invalid(P, [...segs, 'searches'], goSearches, 'must not have more than 2048 characters (including spaces) in the search list');
  // RelaxedDNSSearchValidation: "." alone is allowed and underscores are accepted
  const relaxed = gateEnabled('RelaxedDNSSearchValidation', errs.minor);
  searches.forEach((s, i) => {
    if (relaxed && s === '.') return;
    const v = s.endsWith('.') ? s.slice(0, -1) : s;
    for (const msg of relaxed ? isDNS1123SubdomainWithUnderscore(v) : isDNS1123Subdomain(v)) errs.invalid(P, [...segs, 'searches', i], v, msg);
  });
  for (const [opt, i] of items(config, 'options')) if ((str(opt, 'name') ?? '') === '') errs.required(P, [...segs, 'options', i], 'must not be empty');
}

const DNS1123_SUBDOMAIN_UNDERSCORE_FMT = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*';
/** IsDNS1123SubdomainWithUnderscore */
function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const out: string[] = [];
  if (value.length > 253) out.push('must be no more than 253 bytes');
  if (!new RegExp(`^${DNS1123_SUBDOMAIN_UNDERSCORE_FMT}$`).test(value)) {
    out.push(`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN_UNDERSCORE_FMT}')`);
  }
  return out;
}

/** IsValidIPForLegacyField: ParseIPSloppy, then the strict checks (leading zeros, IPv4-mapped IPv6). */
function ipAddress(errs: Errors, ip: string, segs: PathSeg[]): void {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  const sloppy = v4 ? v4.slice(1).every((p) => Number(p) <= 255) : ip.includes(':') && /^[0-9A-Fa-f:.]+$/.test(ip) && isIPv6(ip);
  if (!sloppy) return errs.invalid(P, segs, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  // StrictIPCIDRValidation (beta, on from 1.36)
  if (!gateEnabled('StrictIPCIDRValidation', errs.minor)) return;
  if (v4 && v4.slice(1).some((p) => p.length > 1 && p.startsWith('0'))) errs.invalid(P, segs, ip, 'must not have leading 0s');
  if (!v4 && /^(0{0,4}:){0,5}:?(0{0,4}:)?ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) errs.invalid(P, segs, ip, 'must not be an IPv4-mapped IPv6 address');
}

function isIPv6(ip: string): boolean {
  const parts = ip.split('::');
  if (parts.length > 2) return false;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const all = [...groups(parts[0]), ...(parts.length === 2 ? groups(parts[1]) : [])];
  let count = all.length;
  const last = all[all.length - 1];
  if (last && last.includes('.')) {
    if (!/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(last)) return false;
    count++;
  }
  if (!all.slice(0, last && last.includes('.') ? -1 : undefined).every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return parts.length === 2 ? count < 8 : count === 8;
}

/** mirrors core/validation validatePodHostName (hostnameOverride) */
function validatePodHostName(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  if (!set(spec, 'hostnameOverride')) return;
  const v = str(spec, 'hostnameOverride') ?? '';
  const at = [...segs, 'hostnameOverride'];
  if (spec.setHostnameAsFQDN === true) errs.add(P, 'Forbidden', at, { detail: 'may not be specified when setHostnameAsFQDN is true' });
  if (spec.hostNetwork === true) errs.add(P, 'Forbidden', at, { detail: 'may not be specified when hostNetwork is true' });
  if (v.length > 64) errs.add(P, 'TooLong', at, { detail: 'may not be more than 64 bytes' });
  for (const msg of isDNS1123Subdomain(v)) errs.invalid(P, at, v, msg);
}

/** mirrors core/validation validateFileKeyRefVolumes */
function validateFileKeyRefVolumes(errs: Errors, spec: PlainMap, segs: PathSeg[], volumes: Map<string, PlainMap>): void {
  visitContainers(spec, segs, (c, at) => {
    for (const [env, j] of items(c, 'env')) {
      const ref = obj(obj(env, 'valueFrom'), 'fileKeyRef');
      if (!ref) continue;
      const name = str(ref, 'volumeName') ?? '';
      const path = [...at, 'env', j, 'valueFrom', 'fileKeyRef', 'volumeName'];
      const vol = volumes.get(name);
      if (!vol) errs.add(API.containers, 'NotFound', path, { value: name });
      else if (!set(vol, 'emptyDir') && VOLUME_SOURCE_KEYS.some((k) => set(vol, k))) errs.invalid(API.containers, path, name, 'referenced volume must be of type emptyDir');
    }
  });
}

/** Any volume source other than emptyDir (a volume with none is defaulted to an emptyDir). */
const VOLUME_SOURCE_KEYS = ['hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image'];
