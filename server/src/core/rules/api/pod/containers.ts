/** Containers: names, image, ports, volume mounts, probes and lifecycle handlers, restart policies. */
import type { PathSeg } from '../../../model/path';
import { gateEnabled, gateHistory } from '../../../versions';
import { API, Errors } from '../collect';
import { inclusiveRange, supportedValues } from '../errors';
import { isDNS1123Label, isValidPortName, isValidPortNum } from '../names';
import { bool, int, obj, str, type Plain, type PlainMap } from '../value';
import { isNullItem, items, leftToSchema, requiredField, set, strings } from './common';
import { validateEnv, validateEnvFrom } from './env';
import { validateContainerResources } from './resources';
import { validateLocalDescendingPath, validateSecurityContext } from './securityContext';

const C = API.containers;

/** What every container check needs from the pod. */
export interface PodContext {
  /** ValidateVolumes' map: names of volumes without errors. */
  volumes: Map<string, PlainMap>;
  podClaims: Set<string>;
  /** terminationGracePeriodSeconds after defaulting (30 when omitted). */
  gracePeriod: number | undefined;
  restartPolicy: string;
  hostUsers: boolean;
  os: string | undefined;
}

/** mirrors core/validation validateContainers */
export function validateContainers(errs: Errors, spec: PlainMap, segs: PathSeg[], ctx: PodContext): void {
  const list = items(spec, 'containers');
  if (list.length === 0) {
    if (!set(spec, 'containers')) errs.hidden++; // the schema rules report the missing field
    else errs.required(C, segs);
    return;
  }
  const names = new Set<string>();
  for (const [c, i] of list) {
    const at = [...segs, i];
    validateContainerCommon(errs, c, at, ctx);
    const name = str(c, 'name') ?? '';
    if (names.has(name)) errs.add(C, 'Duplicate', [...at, 'name'], { value: name });
    else names.add(name);
    if (set(c, 'lifecycle')) validateLifecycle(errs, obj(c, 'lifecycle') ?? {}, [...at, 'lifecycle'], ctx);
    validateProbes(errs, c, at, ctx);
    // ContainerRestartRules (beta, on from 1.35); 1.34 drops the fields (alpha, off); before, they are Forbidden.
    if (gateEnabled('ContainerRestartRules', errs.minor)) validateContainerRestartPolicy(errs, c, at);
    else if (set(c, 'restartPolicy')) errs.add(C, 'Forbidden', [...at, 'restartPolicy'], { detail: 'may not be set for non-init containers' });
  }
  checkHostPortConflicts(errs, list, segs);
}

/** mirrors core/validation validateInitContainers */
export function validateInitContainers(errs: Errors, spec: PlainMap, segs: PathSeg[], ctx: PodContext): void {
  const names = new Set<string>(items(spec, 'containers').map(([c]) => str(c, 'name') ?? ''));
  for (const [c, i] of items(spec, 'initContainers')) {
    const at = [...segs, i];
    validateContainerCommon(errs, c, at, ctx);
    const policy = set(c, 'restartPolicy') ? (str(c, 'restartPolicy') ?? '') : undefined;
    validateInitContainerRestartPolicy(errs, c, at, policy);
    const restartAlways = policy === 'Always';
    const name = str(c, 'name') ?? '';
    // Init container names are checked against the regular containers', and the init container is blamed.
    if (names.has(name)) errs.add(C, 'Duplicate', [...at, 'name'], { value: name });
    else if (name.length > 0) names.add(name);
    checkHostPortConflicts(errs, [[c, i]], segs);
    if (restartAlways) {
      if (set(c, 'lifecycle')) validateLifecycle(errs, obj(c, 'lifecycle') ?? {}, [...at, 'lifecycle'], ctx);
      validateProbes(errs, c, at, ctx);
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (set(c, f)) errs.add(C, 'Forbidden', [...at, f], { detail: 'may not be set for init containers without restartPolicy=Always', at: { segs: [...at, f], key: true } });
      }
    }
    // version: InPlacePodVerticalScaling sidecar resize (AllowSidecarResizePolicy on in 1.36)
    if (!restartAlways) {
      for (const [p, j] of items(c, 'resizePolicy')) {
        if (str(p, 'restartPolicy') === 'RestartContainer') errs.invalid(C, [...at, 'resizePolicy', j, 'restartPolicy'], 'RestartContainer', "must not be set to 'RestartContainer' for non-sidecar initContainers");
      }
    }
  }
}

/** mirrors core/validation validateInitContainerRestartPolicy (AllowContainerRestartPolicyRules on in 1.36) */
function validateInitContainerRestartPolicy(errs: Errors, c: PlainMap, segs: PathSeg[], policy: string | undefined): void {
  const rules = items(c, 'restartPolicyRules');
  if (policy === undefined) {
    if (rules.length > 0) errs.required(C, [...segs, 'restartPolicy'], 'must specify restartPolicy when restart rules are used');
    return;
  }
  if (!gateEnabled('ContainerRestartRules', errs.minor)) {
    // SidecarContainers era: only Always (a sidecar) is supported. While ContainerRestartRules exists but is off
    // (1.34), dropDisabledPodFields removes any other value before validation.
    const gateDeclared = gateHistory('ContainerRestartRules').some((g) => g.minor === errs.minor);
    if (policy !== 'Always' && !gateDeclared) errs.add(C, 'NotSupported', [...segs, 'restartPolicy'], { value: policy, detail: supportedValues(['Always']) });
    return;
  }
  // RestartAllContainersOnContainerExits (beta, on in 1.36): rules are allowed with Always too.
  if (policy === 'Always' && !gateEnabled('RestartAllContainersOnContainerExits', errs.minor)) {
    if (rules.length > 0) errs.add(C, 'Forbidden', [...segs, 'restartPolicyRules'], { detail: 'restartPolicyRules are not allowed for init containers with restart policy Always' });
    return;
  }
  validateContainerRestartPolicy(errs, c, segs);
}

/** mirrors core/validation validateContainerRestartPolicy */
function validateContainerRestartPolicy(errs: Errors, c: PlainMap, segs: PathSeg[]): void {
  const rules = items(c, 'restartPolicyRules');
  if (!set(c, 'restartPolicy')) {
    if (rules.length === 0) return;
    errs.required(C, [...segs, 'restartPolicy'], 'must specify restartPolicy when restart rules are used');
  }
  // A restartPolicy of "" or outside the enum is the schema rules' finding (unsupported-value), on this same path.
  if (rules.length > 20) errs.add(C, 'TooMany', [...segs, 'restartPolicyRules'], { value: rules.length, detail: 'must have at most 20 items' });
  for (const [rule, i] of rules) {
    const at = [...segs, 'restartPolicyRules', i];
    const action = str(rule, 'action') ?? '';
    const actions = gateEnabled('RestartAllContainersOnContainerExits', errs.minor) ? ['Restart', 'RestartAllContainers'] : ['Restart'];
    if (!actions.includes(action) && !(action === '' && leftToSchema(errs, rule, 'action'))) {
      errs.add(C, 'NotSupported', [...at, 'action'], { value: action, detail: supportedValues(actions) });
    }
    if (set(rule, 'exitCodes')) {
      const ec = obj(rule, 'exitCodes') ?? {};
      const op = str(ec, 'operator') ?? '';
      if (op !== 'In' && op !== 'NotIn' && !(op === '' && leftToSchema(errs, ec, 'operator'))) errs.add(C, 'NotSupported', [...at, 'exitCodes', 'operator'], { value: op, detail: supportedValues(['In', 'NotIn']) });
      const values = Array.isArray(ec.values) ? ec.values.length : 0;
      if (values > 255) errs.add(C, 'TooMany', [...at, 'exitCodes', 'values'], { value: values, detail: 'must have at most 255 items' });
    } else errs.required(C, [...at, 'exitCodes'], 'must be specified');
  }
}

/** mirrors core/validation validateContainerCommon */
function validateContainerCommon(errs: Errors, c: PlainMap, segs: PathSeg[], ctx: PodContext): void {
  const name = str(c, 'name') ?? '';
  if (name.length === 0) requiredField(errs, C, c, 'name', [...segs, 'name'], '', true);
  else for (const msg of isDNS1123Label(name)) errs.invalid(C, [...segs, 'name'], name, msg);
  if ((str(c, 'image') ?? '').length === 0) errs.required(C, [...segs, 'image'], '', set(c, 'image') ? undefined : { segs: [...segs, 'name'] });
  // terminationMessagePolicy and imagePullPolicy: "" is defaulted; other values are outside the schema enum.
  validateContainerPorts(errs, c, [...segs, 'ports']);
  validateEnv(errs, c, [...segs, 'env']);
  validateEnvFrom(errs, c, [...segs, 'envFrom']);
  const devices = validateVolumeDevices(errs, c, [...segs, 'volumeDevices'], ctx);
  validateVolumeMounts(errs, c, [...segs, 'volumeMounts'], ctx, devices);
  validateContainerResources(errs, c, [...segs, 'resources'], ctx.podClaims);
  validateResizePolicy(errs, c, [...segs, 'resizePolicy'], ctx.restartPolicy);
  validateSecurityContext(errs, c, [...segs, 'securityContext'], ctx.hostUsers);
}

/** mirrors core/validation validateContainerPorts */
function validateContainerPorts(errs: Errors, c: PlainMap, segs: PathSeg[]): void {
  const names = new Set<string>();
  for (const [port, i] of items(c, 'ports')) {
    const at = [...segs, i];
    const pname = str(port, 'name') ?? '';
    if (pname.length > 0) {
      const msgs = isValidPortName(pname);
      for (const msg of msgs) errs.invalid(C, [...at, 'name'], pname, msg);
      if (msgs.length === 0) {
        if (names.has(pname)) errs.add(C, 'Duplicate', [...at, 'name'], { value: pname });
        else names.add(pname);
      }
    }
    const cp = int(port, 'containerPort') ?? 0;
    if (cp === 0) requiredField(errs, C, port, 'containerPort', [...at, 'containerPort'], '', true);
    else if (!isValidPortNum(cp)) errs.invalid(C, [...at, 'containerPort'], cp, inclusiveRange(1, 65535));
    const hp = int(port, 'hostPort') ?? 0;
    if (hp !== 0 && !isValidPortNum(hp)) errs.invalid(C, [...at, 'hostPort'], hp, inclusiveRange(1, 65535));
    // protocol "" is defaulted to TCP; other values are outside the schema enum.
  }
}

/** mirrors core/validation AccumulateUniqueHostPorts */
function checkHostPortConflicts(errs: Errors, containers: Array<[PlainMap, number]>, segs: PathSeg[]): void {
  const seen = new Set<string>();
  for (const [c, ci] of containers) {
    for (const [port, pi] of items(c, 'ports')) {
      const hp = int(port, 'hostPort') ?? 0;
      if (hp === 0) continue;
      const key = `${str(port, 'protocol') || 'TCP'}/${str(port, 'hostIP') ?? ''}/${hp}`;
      if (seen.has(key)) errs.add(C, 'Duplicate', [...segs, ci, 'ports', pi, 'hostPort'], { value: key });
      else seen.add(key);
    }
  }
}

/** mirrors core/validation ValidateVolumeDevices; returns GetVolumeDeviceMap */
function validateVolumeDevices(errs: Errors, c: PlainMap, segs: PathSeg[], ctx: PodContext): Map<string, string> {
  const devices = new Map<string, string>();
  for (const [d] of items(c, 'volumeDevices')) devices.set(str(d, 'name') ?? '', str(d, 'devicePath') ?? '');
  const mounts = new Map<string, string>();
  for (const [m] of items(c, 'volumeMounts')) mounts.set(str(m, 'name') ?? '', str(m, 'mountPath') ?? '');
  const paths = new Set<string>();
  const names = new Set<string>();
  for (const [d, i] of items(c, 'volumeDevices')) {
    const at = [...segs, i];
    const name = str(d, 'name') ?? '';
    const devicePath = str(d, 'devicePath') ?? '';
    if (name.length === 0) requiredField(errs, C, d, 'name', [...at, 'name'], '', true);
    if (names.has(name)) errs.invalid(C, [...at, 'name'], name, 'must be unique');
    const vol = ctx.volumes.get(name);
    if (!vol) errs.add(C, 'NotFound', [...at, 'name'], { value: name });
    else if (!set(vol, 'persistentVolumeClaim') && !set(vol, 'ephemeral')) errs.invalid(C, [...at, 'name'], name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode');
    if (devicePath.length === 0) requiredField(errs, C, d, 'devicePath', [...at, 'devicePath'], '', true);
    if (paths.has(devicePath)) errs.invalid(C, [...at, 'devicePath'], devicePath, 'must be unique');
    if (devicePath.length > 0 && devicePath.split(/[\\/]/).includes('..')) errs.invalid(C, [...at, 'devicePath'], devicePath, "must not contain '..'");
    if (mounts.has(name)) errs.invalid(C, [...at, 'name'], name, 'must not already exist in volumeMounts');
    if ([...mounts.values()].includes(devicePath)) errs.invalid(C, [...at, 'devicePath'], devicePath, 'must not already exist as a path in volumeMounts');
    paths.add(devicePath);
    names.add(name);
  }
  return devices;
}

/** mirrors core/validation ValidateVolumeMounts */
function validateVolumeMounts(errs: Errors, c: PlainMap, segs: PathSeg[], ctx: PodContext, devices: Map<string, string>): void {
  const mountPaths = new Set<string>();
  const devicePaths = new Set(devices.values());
  const privileged = bool(obj(c, 'securityContext'), 'privileged') === true;
  for (const [m, i] of items(c, 'volumeMounts')) {
    const at = [...segs, i];
    const name = str(m, 'name') ?? '';
    if (name.length === 0) requiredField(errs, C, m, 'name', [...at, 'name'], '', true);
    if (!ctx.volumes.has(name)) {
      // An absent name is the schema's finding; the server adds Not found: "" as well.
      errs.add(C, 'NotFound', [...at, 'name'], { value: name });
    }
    const mp = str(m, 'mountPath') ?? '';
    if (mp.length === 0) requiredField(errs, C, m, 'mountPath', [...at, 'mountPath'], '', true);
    if (mountPaths.has(mp)) errs.invalid(C, [...at, 'mountPath'], mp, 'must be unique');
    mountPaths.add(mp);
    if (devices.has(name)) errs.invalid(C, [...at, 'name'], name, 'must not already exist in volumeDevices');
    if (devicePaths.has(mp)) errs.invalid(C, [...at, 'mountPath'], mp, 'must not already exist as a path in volumeDevices');
    // The server reports subPath problems on volumeMounts.subPath, without the index.
    const sub = str(m, 'subPath') ?? '';
    if (sub.length > 0) validateLocalDescendingPath(errs, C, sub, [...segs, 'subPath'], [...at, 'subPath']);
    const expr = str(m, 'subPathExpr') ?? '';
    if (expr.length > 0) {
      if (sub.length > 0) errs.invalid(C, [...at, 'subPathExpr'], expr, 'subPathExpr and subPath are mutually exclusive');
      validateLocalDescendingPath(errs, C, expr, [...segs, 'subPathExpr'], [...at, 'subPathExpr']);
    }
    const prop = set(m, 'mountPropagation') ? (str(m, 'mountPropagation') ?? '') : undefined;
    if (prop !== undefined) {
      // validateMountPropagation names the list (volumeMounts.mountPropagation); the schema rules name the leaf.
      if (!['Bidirectional', 'HostToContainer', 'None'].includes(prop)) errs.add(C, 'NotSupported', [...segs, 'mountPropagation'], { value: prop, detail: supportedValues(['Bidirectional', 'HostToContainer', 'None']), at: { segs: [...at, 'mountPropagation'] } });
      if (prop === 'Bidirectional' && !privileged) errs.add(C, 'Forbidden', [...segs, 'mountPropagation'], { detail: 'Bidirectional mount propagation is available only to privileged containers', at: { segs: [...at, 'mountPropagation'] } });
    }
    const rro = set(m, 'recursiveReadOnly') ? (str(m, 'recursiveReadOnly') ?? '') : undefined;
    if (rro === 'Enabled' || rro === 'IfPossible') {
      const rroAt = { at: { segs: [...at, 'recursiveReadOnly'] } };
      if (bool(m, 'readOnly') !== true) errs.add(C, 'Forbidden', [...segs, 'recursiveReadOnly'], { detail: 'may only be specified when readOnly is true', ...rroAt });
      if (prop !== undefined && prop !== 'None') errs.add(C, 'Forbidden', [...segs, 'recursiveReadOnly'], { detail: 'may only be specified when mountPropagation is None or not specified', ...rroAt });
    } else if (rro !== undefined && rro !== 'Disabled') {
      errs.add(C, 'NotSupported', [...segs, 'recursiveReadOnly'], { value: rro, detail: supportedValues(['Disabled', 'Enabled', 'IfPossible']), at: { segs: [...at, 'recursiveReadOnly'] } });
    }
  }
}

/** mirrors core/validation validateResizePolicy */
function validateResizePolicy(errs: Errors, c: PlainMap, segs: PathSeg[], podRestartPolicy: string): void {
  const seen = new Set<string>();
  for (const [p, i] of items(c, 'resizePolicy')) {
    const resource = str(p, 'resourceName') ?? '';
    if (seen.has(resource)) errs.add(C, 'Duplicate', [...segs, i], { value: resource });
    seen.add(resource);
    if (resource === '') {
      if (!leftToSchema(errs, p, 'resourceName')) errs.required(C, segs);
    } else if (resource !== 'cpu' && resource !== 'memory') errs.add(C, 'NotSupported', segs, { value: resource, detail: supportedValues(['cpu', 'memory']), at: { segs: [...segs, i, 'resourceName'] } });
    const policy = str(p, 'restartPolicy') ?? '';
    if (policy === '') {
      if (!leftToSchema(errs, p, 'restartPolicy')) errs.required(C, segs);
    } else if (policy !== 'NotRequired' && policy !== 'RestartContainer') {
      // The server names the list, the schema rules the leaf.
      errs.add(C, 'NotSupported', segs, { value: policy, detail: supportedValues(['NotRequired', 'RestartContainer']), at: { segs: [...segs, i, 'restartPolicy'] } });
    }
    if (podRestartPolicy === 'Never' && policy !== 'NotRequired') errs.invalid(C, segs, policy, "must be 'NotRequired' when pod `restartPolicy` is 'Never'", { segs: [...segs, i, 'restartPolicy'] });
  }
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** mirrors core/validation validateLivenessProbe, validateReadinessProbe, validateStartupProbe and validateProbe */
function validateProbes(errs: Errors, c: PlainMap, segs: PathSeg[], ctx: PodContext): void {
  for (const kind of PROBES) {
    if (!set(c, kind)) continue;
    const probe = obj(c, kind) ?? {};
    const at = [...segs, kind];
    validateHandler(errs, probe, at, ['exec', 'httpGet', 'tcpSocket', 'grpc'], ctx);
    for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.nonNegative(C, [...at, f], int(probe, f));
    const grace = set(probe, 'terminationGracePeriodSeconds') ? int(probe, 'terminationGracePeriodSeconds') : undefined;
    if (grace !== undefined && grace <= 0) errs.invalid(C, [...at, 'terminationGracePeriodSeconds'], grace, 'must be greater than 0');
    // SetDefaults_Probe: successThreshold 0 becomes 1.
    const success = int(probe, 'successThreshold') || 1;
    if (kind !== 'readinessProbe' && success !== 1) errs.invalid(C, [...at, 'successThreshold'], success, 'must be 1');
    if (kind === 'readinessProbe' && set(probe, 'terminationGracePeriodSeconds')) errs.invalid(C, [...at, 'terminationGracePeriodSeconds'], int(probe, 'terminationGracePeriodSeconds') ?? 0, 'must not be set for readinessProbes');
  }
}

/** mirrors core/validation validateLifecycle */
function validateLifecycle(errs: Errors, lifecycle: PlainMap, segs: PathSeg[], ctx: PodContext): void {
  for (const hook of ['postStart', 'preStop']) {
    if (set(lifecycle, hook)) validateHandler(errs, obj(lifecycle, hook) ?? {}, [...segs, hook], ['exec', 'httpGet', 'tcpSocket', 'sleep'], ctx);
  }
  // version: ContainerStopSignals (alpha, off in 1.36) drops lifecycle.stopSignal before validation.
}

/** mirrors core/validation validateHandler (with validateExecAction, validateHTTPGetAction, ValidatePortNumOrName, validateSleepAction) */
function validateHandler(errs: Errors, handler: PlainMap, segs: PathSeg[], kinds: readonly string[], ctx: PodContext): void {
  let n = 0;
  for (const kind of kinds) {
    if (!set(handler, kind)) continue;
    const at = [...segs, kind];
    if (n > 0) {
      errs.add(C, 'Forbidden', at, { detail: 'may not specify more than 1 handler type', at: { segs: at, key: true } });
      continue;
    }
    n++;
    const h = obj(handler, kind) ?? {};
    switch (kind) {
      case 'exec':
        if (strings(h, 'command').length === 0) errs.required(C, [...at, 'command']);
        break;
      case 'httpGet':
        // path "" and scheme "" are defaulted ("/", HTTP); other schemes are outside the schema enum.
        portNumOrName(errs, h, [...at, 'port']);
        for (const [header] of items(h, 'httpHeaders')) {
          const name = str(header, 'name') ?? '';
          if (!/^[-A-Za-z0-9]+$/.test(name)) errs.invalid(C, [...at, 'httpHeaders'], name, "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')");
        }
        break;
      case 'tcpSocket':
        portNumOrName(errs, h, [...at, 'port']);
        break;
      case 'grpc': {
        const port = int(h, 'port') ?? 0;
        if (!isValidPortNum(port)) {
          if (!leftToSchema(errs, h, 'port')) errs.invalid(C, [...at, 'port'], port, inclusiveRange(1, 65535));
        }
        break;
      }
      case 'sleep': {
        const seconds = int(h, 'seconds') ?? 0;
        const grace = ctx.gracePeriod;
        if (grace === undefined) break;
        if (gateEnabled('PodLifecycleSleepActionAllowZero', errs.minor)) {
          if (seconds < 0 || seconds > grace) errs.invalid(C, at, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`);
        } else if (seconds <= 0 || seconds > grace) {
          errs.invalid(C, at, seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`);
        }
        break;
      }
    }
  }
  if (n === 0) errs.required(C, segs, 'must specify a handler type', { segs, key: true });
}

/** mirrors core/validation ValidatePortNumOrName (an int-or-string port) */
function portNumOrName(errs: Errors, h: PlainMap, segs: PathSeg[]): void {
  const port: Plain | undefined = h.port;
  if (typeof port === 'number') {
    if (!isValidPortNum(port)) errs.invalid(C, segs, port, inclusiveRange(1, 65535));
  } else if (typeof port === 'string') {
    for (const msg of isValidPortName(port)) errs.invalid(C, segs, port, msg);
  } else if ((port === undefined || port === null) && !leftToSchema(errs, h, 'port')) {
    errs.invalid(C, segs, 0, inclusiveRange(1, 65535)); // the zero IntOrString is the int 0
  }
}
