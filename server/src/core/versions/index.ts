/**
 * Which Kubernetes the manifest is for: per-minor facts of feature gates and fields, from
 * Kubernetes' own source per release (scripts/generate-versions.mjs writes ./data.ts).
 * Rules, hovers and completion ask here; nothing else compares version numbers.
 */
import { hasOwn, own } from '../own';
import { versionsData } from './data';
import type { GateStageName, VersionsData } from './types';

export type { GateStageName, VersionsData } from './types';

export const MIN_MINOR = 27;
export const MAX_MINOR = 36;
export const DEFAULT_MINOR = 36;

const data: VersionsData = versionsData;

/** "1.31", "v1.31.4", "1.31.4", "31" → 31; undefined when not a supported 1.x minor. */
export function parseKubernetesVersion(text: string): number | undefined {
  const t = String(text ?? '').trim();
  const m = /^v?1\.(\d{1,3})(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?$/.exec(t) ?? /^(\d{2})$/.exec(t);
  if (!m) return undefined;
  const minor = Number(m[1]);
  return minor >= MIN_MINOR && minor <= MAX_MINOR ? minor : undefined;
}

/** 31 → "1.31". */
export function formatMinor(minor: number): string {
  return `1.${minor}`;
}

/** A minor clamped into the supported range (for values from settings and flags). */
export function clampMinor(minor: number | undefined): number {
  if (minor === undefined || !Number.isFinite(minor)) return DEFAULT_MINOR;
  return Math.min(MAX_MINOR, Math.max(MIN_MINOR, Math.trunc(minor)));
}

function cell(gate: string, minor: number) {
  const cells = data.gates[gate];
  if (!cells) return undefined;
  const i = clampMinor(minor) - data.minMinor;
  return cells[Math.min(Math.max(i, 0), cells.length - 1)];
}

/** Default-on state of a feature gate in a minor (from pkg/features per release). Unknown gates are off. */
export function gateEnabled(gate: string, minor: number): boolean {
  return cell(gate, minor)?.[1] === 1;
}

/** Whether the minor's pkg/features declares the gate at all (a gate-guarded code path exists only then). */
export function gateDeclared(gate: string, minor: number): boolean {
  return !!cell(gate, minor);
}

export interface GateStage {
  minor: number;
  stage: GateStageName;
  enabled: boolean;
}

/** The gate's stage and default in each supported minor that declares it, oldest first. */
export function gateHistory(gate: string): readonly GateStage[] {
  const cells = data.gates[gate];
  if (!cells) return [];
  const out: GateStage[] = [];
  cells.forEach((c, i) => {
    if (c) out.push({ minor: data.minMinor + i, stage: c[0], enabled: c[1] === 1 });
  });
  return out;
}

/** Every gate the data knows. */
export function knownGates(): readonly string[] {
  return Object.keys(data.gates);
}

/**
 * Validation that changed between minors without a feature gate: the first minor validating the new
 * way. Each entry names the Kubernetes function whose release history it records.
 */
const VALIDATION_CHANGES = {
  /** batch/validation validateScheduleFormat: a new CronJob's schedule may not hold TZ= or CRON_TZ=
   * (1.27–1.28 accepted it with a warning unless spec.timeZone was set too). */
  CronJobTZInScheduleRejected: 29,
  /** batch/v1 SetDefaults_PodFailurePolicyOnPodConditionsPattern (status "" → True) reaches a CronJob's job
   * template from 1.34 (generated defaulters); 1.27–1.33 answer validatePodFailurePolicyRuleOnPodConditions'
   * `status: Required value` there (measured with the k8s-validate oracle). */
  CronJobPodConditionStatusDefaulted: 34,
  /** core/validation validateSysctls: a net.* sysctl with hostNetwork, an ipc one with hostIPC, is rejected. */
  NamespacedSysctlsWithHostNamespacesRejected: 29,
} as const;
export type ValidationChange = keyof typeof VALIDATION_CHANGES;

/** Whether `minor` validates the new way (see VALIDATION_CHANGES). */
export function validatesNewWay(change: ValidationChange, minor: number): boolean {
  return minor >= VALIDATION_CHANGES[change];
}

/** The first minor validating the new way. */
export function validationChangedIn(change: ValidationChange): number {
  return VALIDATION_CHANGES[change];
}

/** Facts of one field of a schema type (type names as in core/schema: 'PodSpec', 'Container', 'JobSpec'). */
export interface FieldFacts {
  /** First minor whose k8s.io/api has the field; undefined = before 1.27. */
  since?: number;
  /** Feature gate whose off state drops the field on create. */
  gate?: string;
  /** Last minor that has the field, when a later release removed it. */
  until?: number;
}

/**
 * `via`: the field holding the object, where the drop depends on it: Container.restartPolicy is
 * dropped by SidecarContainers under initContainers and by ContainerRestartRules under containers.
 */
export function fieldFacts(typeName: string, field: string, via?: string): FieldFacts | undefined {
  const facts = rawFacts(typeName, field);
  if (!facts) return undefined;
  const gate = (via !== undefined ? facts.via?.[via]?.gate : undefined) ?? facts.gate ?? (via === undefined ? firstVia(facts) : undefined);
  return { ...(facts.since !== undefined ? { since: facts.since } : {}), ...(gate ? { gate } : {}), ...(facts.until !== undefined ? { until: facts.until } : {}) };
}

/** Whether any field of the type has version facts (most types have none: nothing to look up). */
export function typeHasFacts(typeName: string): boolean {
  return hasOwn(data.fields, typeName);
}

/** The recorded facts of a field, if any (own properties only: the key may come from the user's YAML). */
export function hasFieldFacts(typeName: string, field: string): boolean {
  return rawFacts(typeName, field) !== undefined;
}

function rawFacts(typeName: string, field: string): VersionsData['fields'][string][string] | undefined {
  const fields = own(data.fields, typeName);
  return fields ? own(fields, field) : undefined;
}

function firstVia(facts: VersionsData['fields'][string][string]): string | undefined {
  return facts.via ? Object.values(facts.via)[0]?.gate : undefined;
}

export type FieldStatus =
  | { status: 'ok' }
  /** Strict decoding rejects it in this minor (since: the first minor that has it; until: the last one, when it was removed). */
  | { status: 'unknown'; since: number; until?: number }
  /** PrepareForCreate drops it: its gate is off by default in this minor (enabledIn: first minor where it is on). */
  | { status: 'dropped'; gate: string; enabledIn?: number };

/** How an API server of `minor` treats the field on create. */
export function fieldStatus(typeName: string, field: string, minor: number, via?: string): FieldStatus {
  const facts = fieldFacts(typeName, field, via);
  if (!facts) return { status: 'ok' };
  if (facts.since !== undefined && minor < facts.since) return { status: 'unknown', since: facts.since };
  if (facts.until !== undefined && minor > facts.until) return { status: 'unknown', since: facts.since ?? MIN_MINOR, until: facts.until };
  // a drop function exists only while its gate is declared: before that the field is kept (and validated)
  const former = rawFacts(typeName, field)?.formerGate;
  const gate = facts.gate && !cell(facts.gate, minor) && former && cell(former, minor) ? former : facts.gate;
  if (gate && cell(gate, minor) && !gateEnabled(gate, minor)) {
    const enabledIn = firstEnabled(gate, minor) ?? (gate !== facts.gate && facts.gate ? firstEnabled(facts.gate, minor) : undefined);
    return { status: 'dropped', gate, ...(enabledIn !== undefined ? { enabledIn } : {}) };
  }
  return { status: 'ok' };
}

/** The first minor after `from` in which the gate is on by default. */
export function firstEnabled(gate: string, from = MIN_MINOR - 1): number | undefined {
  for (const g of gateHistory(gate)) if (g.minor > from && g.enabled) return g.minor;
  return undefined;
}

/**
 * One line for hovers and explain:
 * "since 1.30 (beta 1.31, GA 1.33); on your target 1.30 this field is dropped: feature gate JobSuccessPolicy is off".
 */
export function describeFieldFacts(typeName: string, field: string, minor: number, via?: string): string | undefined {
  const facts = fieldFacts(typeName, field, via);
  if (!facts) return undefined;
  const since = facts.since !== undefined ? `since ${formatMinor(facts.since)}` : `since before ${formatMinor(MIN_MINOR)}`;
  const stages: string[] = [];
  if (facts.gate) {
    let last: GateStageName | undefined;
    for (const g of gateHistory(facts.gate)) {
      if (g.stage !== last && g.stage !== 'deprecated' && !(last === undefined && g.stage === 'alpha')) stages.push(`${g.stage === 'ga' ? 'GA' : g.stage} ${formatMinor(g.minor)}`);
      last = g.stage;
    }
    const first = gateHistory(facts.gate)[0];
    if (first && first.stage === 'alpha' && facts.since === undefined) stages.unshift(`alpha ${formatMinor(first.minor)}`);
  }
  let text = stages.length ? `${since} (${stages.join(', ')})` : since;
  if (facts.gate) text += `, feature gate ${facts.gate}`;
  if (facts.until !== undefined) text += `, removed after ${formatMinor(facts.until)}`;
  const status = fieldStatus(typeName, field, minor, via);
  if (status.status === 'unknown') text += `; on your target ${formatMinor(minor)} this field does not exist: the API server rejects it as an unknown field`;
  else if (status.status === 'dropped') text += `; on your target ${formatMinor(minor)} this field is dropped: feature gate ${status.gate} is off${status.enabledIn ? ` until ${formatMinor(status.enabledIn)}` : ''}`;
  return text;
}
