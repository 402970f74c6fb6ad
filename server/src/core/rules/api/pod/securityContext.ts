/** Security context: pod and container securityContext, seccomp and AppArmor profiles, sysctls, user namespaces, Windows options. */
import type { PathSeg } from '../../../model/path';
import { gateEnabled } from '../../../versions';
import { API, type ApiRuleId, Errors } from '../collect';
import { inclusiveRange, supportedValues } from '../errors';
import { isDNS1123Subdomain } from '../names';
import { bool, int, isObj, obj, str, type PlainMap } from '../value';
import { isNullItem, items, MAX_INT32, requiredField, set } from './common';
import { visitContainers } from './visit';

const P = API.podSpec;
const C = API.containers;

/**
 * A Go struct as field.Error prints it since 1.35 (encoding/json of the internal type, Go field names).
 * `fields`: [JSON name, manifest field, nested renderer]; absent pointers and slices are null.
 */
type GoField = [string, string, ((v: PlainMap) => unknown)?];
function goStruct(v: PlainMap | undefined, fields: GoField[]): unknown {
  if (!v) return null;
  const out: Record<string, unknown> = {};
  for (const [goName, key, nested] of fields) {
    const x = v[key];
    out[goName] = x === undefined || x === null ? (nested || Array.isArray(x) ? null : null) : nested && isObj(x) ? nested(x) : x;
  }
  return out;
}
const PROFILE: GoField[] = [['Type', 'type'], ['LocalhostProfile', 'localhostProfile']];
const SECURITY_CONTEXT: GoField[] = [
  ['Capabilities', 'capabilities', (v) => goStruct(v, [['Add', 'add'], ['Drop', 'drop']])],
  ['Privileged', 'privileged'],
  ['SELinuxOptions', 'seLinuxOptions', (v) => ({ User: v.user ?? '', Role: v.role ?? '', Type: v.type ?? '', Level: v.level ?? '' })],
  ['WindowsOptions', 'windowsOptions', (v) => goStruct(v, [['GMSACredentialSpecName', 'gmsaCredentialSpecName'], ['GMSACredentialSpec', 'gmsaCredentialSpec'], ['RunAsUserName', 'runAsUserName'], ['HostProcess', 'hostProcess']])],
  ['RunAsUser', 'runAsUser'], ['RunAsGroup', 'runAsGroup'], ['RunAsNonRoot', 'runAsNonRoot'], ['ReadOnlyRootFilesystem', 'readOnlyRootFilesystem'],
  ['AllowPrivilegeEscalation', 'allowPrivilegeEscalation'], ['ProcMount', 'procMount'],
  ['SeccompProfile', 'seccompProfile', (v) => ({ Type: v.type ?? '', LocalhostProfile: v.localhostProfile ?? null })],
  ['AppArmorProfile', 'appArmorProfile', (v) => ({ Type: v.type ?? '', LocalhostProfile: v.localhostProfile ?? null })],
];
export function goJSON(v: PlainMap | undefined, fields: GoField[]): { go: string } {
  return { go: JSON.stringify(goStruct(v, fields)) };
}
export { PROFILE as GO_PROFILE };

function idRange(errs: Errors, rule: ApiRuleId, sc: PlainMap, field: string, segs: PathSeg[]): void {
  const v = int(sc, field);
  if (v !== undefined && (v < 0 || v > MAX_INT32)) errs.invalid(rule, [...segs, field], v, inclusiveRange(0, MAX_INT32));
}

/** mirrors core/validation validateSeccompProfileField (with validateSeccompProfileType) */
function validateSeccompProfileField(errs: Errors, rule: ApiRuleId, sc: PlainMap, segs: PathSeg[]): void {
  if (!set(sc, 'seccompProfile')) return;
  const sp = obj(sc, 'seccompProfile') ?? {};
  const type = str(sp, 'type') ?? '';
  // "" and values outside the enum are the schema rules' finding (Required / unsupported-value), on this same path.
  if (type === '' && isNullItem(sp)) errs.required(rule, [...segs, 'type'], 'type is required when seccompProfile is set');
  if (type === 'Localhost') {
    if (!set(sp, 'localhostProfile')) errs.required(rule, [...segs, 'localhostProfile'], 'must be set when seccomp type is Localhost');
    else validateLocalDescendingPath(errs, rule, str(sp, 'localhostProfile') ?? '', [...segs, 'localhostProfile']);
  } else if (set(sp, 'localhostProfile')) {
    errs.invalid(rule, [...segs, 'localhostProfile'], goJSON(sp, PROFILE), 'can only be set when seccomp type is Localhost');
  }
}

/** mirrors core/validation validateLocalDescendingPath */
export function validateLocalDescendingPath(errs: Errors, rule: ApiRuleId, p: string, segs: PathSeg[], where?: PathSeg[]): void {
  const at = where ? { segs: where } : undefined;
  if (p.startsWith('/')) errs.invalid(rule, segs, p, 'must be a relative path', at);
  if (p.split(/[\\/]/).includes('..')) errs.invalid(rule, segs, p, "must not contain '..'", at);
}

/** mirrors core/validation ValidateAppArmorProfileField */
function validateAppArmorProfileField(errs: Errors, rule: ApiRuleId, sc: PlainMap, segs: PathSeg[]): void {
  if (!set(sc, 'appArmorProfile')) return;
  const p = obj(sc, 'appArmorProfile') ?? {};
  const type = str(p, 'type') ?? '';
  switch (type) {
    case 'Localhost': {
      if (!set(p, 'localhostProfile')) {
        errs.required(rule, [...segs, 'localhostProfile'], 'must be set when AppArmor type is Localhost');
        break;
      }
      const lp = str(p, 'localhostProfile') ?? '';
      if (lp.trim() !== lp) errs.invalid(rule, [...segs, 'localhostProfile'], lp, 'must not be padded with whitespace');
      else if (lp === '') errs.required(rule, [...segs, 'localhostProfile'], 'must be set when AppArmor type is Localhost');
      if (Buffer.byteLength(lp) > 4095) errs.add(rule, 'TooLong', [...segs, 'localhostProfile'], { detail: 'may not be more than 4095 bytes' });
      break;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      if (set(p, 'localhostProfile')) errs.invalid(rule, [...segs, 'localhostProfile'], str(p, 'localhostProfile') ?? '', 'can only be set when AppArmor type is Localhost');
      break;
    case '':
      // The schema rules report it (Required), on this same path.
      break;
    default:
      break; // outside the enum: the schema rules' finding
  }
}

/** mirrors core/validation validateWindowsSecurityContextOptions */
function validateWindowsOptions(errs: Errors, rule: ApiRuleId, sc: PlainMap, segs: PathSeg[]): void {
  const wo = obj(sc, 'windowsOptions');
  if (!wo) return;
  const specName = str(wo, 'gmsaCredentialSpecName');
  if (specName !== undefined) for (const msg of isDNS1123Subdomain(specName)) errs.invalid(rule, [...segs, 'gmsaCredentialSpecName'], specName, msg);
  const spec = str(wo, 'gmsaCredentialSpec');
  if (spec !== undefined) {
    if (spec.length === 0) errs.invalid(rule, [...segs, 'gmsaCredentialSpec'], spec, 'gmsaCredentialSpec cannot be an empty string');
    else if (Buffer.byteLength(spec) > 64 * 1024) errs.invalid(rule, [...segs, 'gmsaCredentialSpec'], spec, 'gmsaCredentialSpec size must be under 64 KiB');
  }
  const user = str(wo, 'runAsUserName');
  if (user === undefined) return;
  const at = [...segs, 'runAsUserName'];
  if (user.length === 0) return errs.invalid(rule, at, user, 'runAsUserName cannot be an empty string');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(user)) return errs.invalid(rule, at, user, 'runAsUserName cannot contain control characters');
  const parts = user.split('\\');
  if (parts.length > 2) return errs.invalid(rule, at, user, 'runAsUserName cannot contain more than one backslash');
  const hasDomain = parts.length === 2;
  const domain = hasDomain ? parts[0] : '';
  const name = hasDomain ? parts[1] : parts[0];
  if (domain.length >= 256) errs.invalid(rule, at, user, "runAsUserName's Domain length must be under 256 characters");
  const netBios = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
  const dns = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
  if (hasDomain && !(netBios.test(domain) || dns.test(domain))) errs.invalid(rule, at, user, "runAsUserName's Domain doesn't match the NetBios nor the DNS format");
  if (name.length === 0) errs.invalid(rule, at, user, "runAsUserName's User cannot be empty");
  else if (name.length > 104) errs.invalid(rule, at, user, "runAsUserName's User length must not be longer than 104 characters");
  if (/^[. ]+$/.test(name)) errs.invalid(rule, at, user, "runAsUserName's User cannot contain only periods or spaces");
  if (/["/\\:;|=,+*?<>@[\]]/.test(name)) errs.invalid(rule, at, user, 'runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]');
}

/** The pod's hostUsers after defaulting (true unless set to false). */
export function hostUsers(spec: PlainMap): boolean {
  return bool(spec, 'hostUsers') !== false;
}

/** mirrors core/validation ValidateSecurityContext (a container's securityContext) */
export function validateSecurityContext(errs: Errors, c: PlainMap, segs: PathSeg[], podHostUsers: boolean): void {
  const sc = obj(c, 'securityContext');
  if (!sc) return;
  // Privileged is allowed: the oracle, like kubeadm and managed clusters, runs with --allow-privileged=true.
  idRange(errs, C, sc, 'runAsUser', segs);
  idRange(errs, C, sc, 'runAsGroup', segs);
  const procMount = str(sc, 'procMount');
  if (procMount !== undefined) {
    // "" or a procMount outside Default/Unmasked is the schema rules' finding (unsupported-value).
    // ProcMountType (on from 1.33): before, dropDisabledProcMountField resets procMount and nothing is checked.
    if (podHostUsers && procMount === 'Unmasked' && gateEnabled('ProcMountType', errs.minor)) errs.invalid(C, [...segs, 'procMount'], procMount, '`hostUsers` must be false to use `Unmasked`');
  }
  validateSeccompProfileField(errs, C, sc, [...segs, 'seccompProfile']);
  if (bool(sc, 'allowPrivilegeEscalation') === false) {
    if (bool(sc, 'privileged') === true) errs.invalid(C, segs, goJSON(sc, SECURITY_CONTEXT), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true', { segs: [...segs, 'allowPrivilegeEscalation'] });
    const add = obj(sc, 'capabilities')?.add;
    // The check compares the literal string CAP_SYS_ADMIN (SYS_ADMIN, the usual spelling, is accepted).
    if (Array.isArray(add)) for (const cap of add) if (cap === 'CAP_SYS_ADMIN') errs.invalid(C, segs, goJSON(sc, SECURITY_CONTEXT), 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN', { segs: [...segs, 'allowPrivilegeEscalation'] });
  }
  validateWindowsOptions(errs, C, sc, [...segs, 'windowsOptions']);
  validateAppArmorProfileField(errs, C, sc, [...segs, 'appArmorProfile']);
}

const SYSCTL_FMT = '^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$';
const SYSCTL = new RegExp(SYSCTL_FMT);

/** utilsysctl.GetNamespace: the namespace a sysctl belongs to (net for net.*, ipc for the kernel.sem, shm and msg ones and fs.mqueue.*). */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const n = name.replace(/\//g, '.');
  if (n.startsWith('net.')) return 'net';
  if (['kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni'].includes(n) || n.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

/** mirrors core/validation validateSysctls (with ValidateHostSysctl) */
function validateSysctls(errs: Errors, spec: PlainMap, sc: PlainMap, segs: PathSeg[]): void {
  const names = new Set<string>();
  const hostNetwork = bool(spec, 'hostNetwork') === true;
  const hostIPC = bool(spec, 'hostIPC') === true;
  for (const [s, i] of items(sc, 'sysctls')) {
    const at = [...segs, i, 'name'];
    const name = str(s, 'name') ?? '';
    if (name.length === 0) requiredField(errs, P, s, 'name', at, '', true);
    else if (name.length > 253 || !SYSCTL.test(name)) errs.invalid(P, at, name, `must have at most 253 characters and match regex ${SYSCTL_FMT}`);
    else if (names.has(name)) errs.add(P, 'Duplicate', at, { value: name });
    // version: AllowNamespacedSysctlsForHostNetAndHostIPC is true only on update of a pod that already had them
    const ns = sysctlNamespace(name);
    if (hostNetwork && ns === 'net') errs.invalid(P, at, name, "may not be specified when 'hostNetwork' is true");
    else if (hostIPC && ns === 'ipc') errs.invalid(P, at, name, "may not be specified when 'hostIPC' is true");
    names.add(name);
  }
}

/** mirrors core/validation validatePodSpecSecurityContext */
export function validatePodSecurityContext(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  // SetDefaults_PodSpec sets an empty securityContext, and the internal one also holds hostPID & co.
  const sc = obj(spec, 'securityContext') ?? {};
  const at = [...segs, 'securityContext'];
  idRange(errs, P, sc, 'fsGroup', at);
  idRange(errs, P, sc, 'runAsUser', at);
  idRange(errs, P, sc, 'runAsGroup', at);
  const groups = sc.supplementalGroups;
  if (Array.isArray(groups)) groups.forEach((g, i) => {
    if (typeof g === 'number' && (g < 0 || g > MAX_INT32)) errs.invalid(P, [...at, 'supplementalGroups', i], g, inclusiveRange(0, MAX_INT32));
  });
  // shareProcessNamespace and hostPID live in the internal PodSecurityContext, hence the path.
  if (bool(spec, 'shareProcessNamespace') === true && bool(spec, 'hostPID') === true) {
    errs.invalid(P, [...at, 'shareProcessNamespace'], true, 'ShareProcessNamespace and HostPID cannot both be enabled', { segs: [...segs, 'shareProcessNamespace'] });
  }
  if (Array.isArray(sc.sysctls) && sc.sysctls.length > 0) validateSysctls(errs, spec, sc, [...at, 'sysctls']);
  // fsGroupChangePolicy and supplementalGroupsPolicy: "" and other values are the schema rules' finding.
  validateSeccompProfileField(errs, P, sc, [...at, 'seccompProfile']);
  validateWindowsOptions(errs, P, sc, [...at, 'windowsOptions']);
  validateAppArmorProfileField(errs, P, sc, [...at, 'appArmorProfile']);
  const selcp = str(sc, 'seLinuxChangePolicy');
  // MountOption is accepted only with SELinuxMount (beta, off in every supported version); "" is the schema rules' finding.
  if (selcp !== undefined && selcp !== '' && selcp !== 'Recursive' && !gateEnabled('SELinuxMount', errs.minor)) errs.add(P, 'NotSupported', [...at, 'seLinuxChangePolicy'], { value: selcp, detail: supportedValues(['Recursive']) });
}

/** mirrors core/validation validateHostUsers (note the server's capitalised HostPID/HostIPC paths) */
export function validateHostUsers(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  if (hostUsers(spec)) return;
  // version: UserNamespacesHostNetworkSupport (alpha, off) would allow hostNetwork
  if (bool(spec, 'hostNetwork') === true) errs.add(P, 'Forbidden', [...segs, 'hostNetwork'], { detail: 'when `hostUsers` is false' });
  if (bool(spec, 'hostPID') === true) errs.add(P, 'Forbidden', [...segs, 'HostPID'], { detail: 'when `hostUsers` is false', at: { segs: [...segs, 'hostPID'] } });
  if (bool(spec, 'hostIPC') === true) errs.add(P, 'Forbidden', [...segs, 'HostIPC'], { detail: 'when `hostUsers` is false', at: { segs: [...segs, 'hostIPC'] } });
  visitContainers(spec, segs, (c, at) => {
    if (Array.isArray(c.volumeDevices) && c.volumeDevices.length > 0) errs.add(P, 'Forbidden', [...at, 'volumeDevices'], { detail: 'when `hostUsers` is false' });
  });
}

/** mirrors core/validation validateWindowsHostProcessPod */
export function validateWindowsHostProcessPod(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  const podHP = bool(obj(obj(spec, 'securityContext'), 'windowsOptions'), 'hostProcess');
  let count = 0;
  let hpCount = 0;
  visitContainers(spec, segs, (c, at) => {
    count++;
    const hp = bool(obj(obj(c, 'securityContext'), 'windowsOptions'), 'hostProcess');
    if (podHP !== undefined && hp !== undefined && podHP !== hp) {
      errs.invalid(P, [...at, 'securityContext', 'windowsOptions', 'hostProcess'], hp, `pod hostProcess value must be identical if both are specified, was ${podHP}`);
    }
    if (hp === true || (hp === undefined && podHP === true)) hpCount++;
  });
  if (hpCount === 0) return;
  if (hpCount !== count) errs.invalid(P, segs, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers');
  const hostNetwork = bool(spec, 'hostNetwork') === true;
  if (!hostNetwork) errs.invalid(P, [...segs, 'hostNetwork'], false, 'hostNetwork must be true if pod contains any hostProcess containers');
}

/** mirrors core/validation validateLinux and validateWindows (spec.os.name decides which fields are forbidden) */
export function validateOSFields(errs: Errors, spec: PlainMap, segs: PathSeg[], os: string): void {
  const sc = obj(spec, 'securityContext') ?? {};
  if (os === 'linux') {
    if (set(sc, 'windowsOptions')) errs.add(P, 'Forbidden', [...segs, 'securityContext', 'windowsOptions'], { detail: 'windows options cannot be set for a linux pod' });
    visitContainers(spec, segs, (c, at) => {
      if (set(obj(c, 'securityContext'), 'windowsOptions')) errs.add(P, 'Forbidden', [...at, 'securityContext', 'windowsOptions'], { detail: 'windows options cannot be set for a linux pod' });
    });
    return;
  }
  if (os !== 'windows') return;
  const no = (path: PathSeg[]): void => errs.add(P, 'Forbidden', [...segs, ...path], { detail: 'cannot be set for a windows pod' });
  for (const f of ['appArmorProfile', 'seLinuxOptions']) if (set(sc, f)) no(['securityContext', f]);
  if (set(spec, 'hostUsers')) no(['hostUsers']);
  if (bool(spec, 'hostPID') === true) no(['hostPID']);
  if (bool(spec, 'hostIPC') === true) no(['hostIPC']);
  for (const f of ['seccompProfile', 'fsGroup', 'fsGroupChangePolicy']) if (set(sc, f)) no(['securityContext', f]);
  if (Array.isArray(sc.sysctls) && sc.sysctls.length > 0) no(['securityContext', 'sysctls']);
  if (set(spec, 'shareProcessNamespace')) no(['shareProcessNamespace']);
  // supplementalGroups: a nil slice is unset; an empty list decodes to an empty (non-nil) slice.
  for (const f of ['runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy']) if (set(sc, f)) no(['securityContext', f]);
  visitContainers(spec, segs, (c, at) => {
    const csc = obj(c, 'securityContext');
    if (!csc) return;
    for (const f of ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup']) {
      if (set(csc, f)) errs.add(P, 'Forbidden', [...at, 'securityContext', f], { detail: 'cannot be set for a windows pod' });
    }
  });
}
