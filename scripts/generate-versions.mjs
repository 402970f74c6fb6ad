#!/usr/bin/env node
// Generates server/src/core/versions/data.ts: what each Kubernetes minor from 1.27 to 1.36 knows of
// the fields of DaemonSet, Job and CronJob (pod template included) and of its feature gates.
//
// Sources, read from git (openshift/microshift: branch release-4.14 = Kubernetes 1.27 …
// release-4.23 = 1.36; Kubernetes under vendor/k8s.io/kubernetes up to release-4.17 and
// deps/github.com/openshift/kubernetes from release-4.18; k8s.io/api under vendor/k8s.io/api or
// deps/github.com/openshift/kubernetes/staging/src/k8s.io/api):
//   - k8s.io/api/{core,apps,batch}/v1/types.go: the JSON fields of every struct reachable from
//     DaemonSet, Job and CronJob → `since`, the first minor whose types.go has the field;
//   - pkg/features/kube_features.go (map of FeatureSpec, and from 1.31 the VersionedSpecs map, in
//     versioned_kube_features.go for 1.31–1.32) → default and stage of every gate per minor;
//   - which field a gate's off state drops on create: pkg/registry/batch/job/strategy.go
//     dropDisabledFields is read (`if !…Enabled(features.G) { job.Spec.F = nil`); the pod template's
//     drops (pkg/api/pod/util.go dropDisabledFields and the functions it calls) are the table
//     POD_DROPS below, each entry naming its function; every entry is checked against each minor's
//     util.go (the function must mention the gate) and a mismatch stops the generator.
//
// Usage: node scripts/generate-versions.mjs [--repo <microshift git dir>] [--check]
//   --check compares the output with the committed file instead of writing it (exit 1 on a difference).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const args = process.argv.slice(2);
const REPO = args.includes('--repo') ? args[args.indexOf('--repo') + 1] : '/work/.mirror/openshift+microshift/repo';
const CHECK = args.includes('--check');
const OUT = 'server/src/core/versions/data.ts';
const MINORS = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36];
const branchOf = (minor) => `release-4.${minor - 13}`;

if (!existsSync(REPO)) {
  console.error(`generate-versions: no microshift git directory at ${REPO} (fetch github:openshift/microshift; --repo <dir>)`);
  process.exit(2);
}

const git = (...a) => execFileSync('git', ['-C', REPO, ...a], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
const show = (branch, path) => {
  try {
    return git('show', `${branch}:${path}`);
  } catch {
    return undefined;
  }
};

function roots(branch) {
  const deps = 'deps/github.com/openshift/kubernetes';
  const hasDeps = show(branch, `${deps}/pkg/features/kube_features.go`) !== undefined;
  return hasDeps ? { k8s: deps, api: `${deps}/staging/src/k8s.io/api` } : { k8s: 'vendor/k8s.io/kubernetes', api: 'vendor/k8s.io/api' };
}

// ---- k8s.io/api types ----------------------------------------------------------------------

/** Go structs of a types.go: name → { fields: Map(json name → go type), inline: [go type] }. */
function parseStructs(text, structs) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^type (\w+) struct \{\s*$/.exec(lines[i]);
    if (!m) continue;
    const s = { fields: new Map(), inline: [] };
    let depth = 1;
    for (i++; i < lines.length && depth > 0; i++) {
      const line = /^\s*\/\//.test(lines[i]) ? '' : lines[i];
      if (/^\}/.test(line)) break;
      const tag = /`json:"([^"]*)"/.exec(line);
      const code = line.replace(/`.*$/, '').trim();
      if (!tag || !code) continue;
      const [jsonName] = tag[1].split(',');
      const parts = code.split(/\s+/);
      const goType = parts.length === 1 ? parts[0] : parts.slice(1).join(' ');
      if (jsonName === '' || jsonName === '-') {
        if (parts.length === 1 && tag[1].includes('inline')) s.inline.push(baseType(goType));
        continue;
      }
      s.fields.set(jsonName, baseType(goType));
    }
    structs.set(m[1], s);
  }
}

function baseType(goType) {
  return goType.replace(/^\*|^\[\]|^map\[[^\]]*\]/g, '').replace(/^\*|^\[\]/g, '').replace(/^\*/, '').replace(/^\w+\./, '');
}

/** JSON fields of a struct with inline members flattened. */
function jsonFields(structs, name, seen = new Set()) {
  const s = structs.get(name);
  if (!s || seen.has(name)) return new Map();
  seen.add(name);
  const out = new Map(s.fields);
  for (const inl of s.inline) for (const [k, v] of jsonFields(structs, inl, seen)) if (!out.has(k)) out.set(k, v);
  return out;
}

const ROOTS = ['DaemonSet', 'Job', 'CronJob'];
/** Types whose fields are apimachinery's (not versioned here) or not objects. */
const SKIP = new Set(['TypeMeta', 'ObjectMeta', 'ListMeta', 'Time', 'MicroTime', 'Duration', 'Quantity', 'IntOrString', 'LabelSelector', 'LabelSelectorRequirement']);

function reachable(structs) {
  const out = new Set();
  const queue = [...ROOTS];
  while (queue.length) {
    const t = queue.shift();
    if (out.has(t) || SKIP.has(t) || !structs.has(t)) continue;
    out.add(t);
    for (const v of jsonFields(structs, t).values()) queue.push(v);
  }
  return out;
}

// ---- feature gates -------------------------------------------------------------------------

const STAGE = { Alpha: 'alpha', Beta: 'beta', GA: 'ga', Deprecated: 'deprecated' };

/** Gate states of one minor: name → [stage, 0|1]. */
function parseGates(texts, minor) {
  const consts = new Map();
  for (const text of texts) for (const m of text.matchAll(/^\s*(\w+)\s+featuregate\.Feature\s*=\s*"(\w+)"/gm)) consts.set(m[1], m[2]);
  const name = (ident) => {
    const bare = ident.replace(/^\w+\./, '');
    return consts.get(bare) ?? bare;
  };
  const gates = new Map();
  for (const text of texts) {
    // the plain map: Name: {Default: true, PreRelease: featuregate.Beta, LockToDefault: true},
    const plain = /var defaultKubernetesFeatureGates = map\[featuregate\.Feature\]featuregate\.FeatureSpec\{([\s\S]*?)\n\}/.exec(text);
    if (plain) {
      for (const m of plain[1].matchAll(/^\s*([\w.]+):\s*\{([^{}]*)\}/gm)) {
        const spec = readSpec(m[2]);
        if (spec) gates.set(name(m[1]), [spec.stage, spec.on]);
      }
    }
    // the versioned map: Name: { {Version: version.MustParse("1.30"), Default: false, PreRelease: featuregate.Alpha}, … },
    const versioned = /var defaultVersionedKubernetesFeatureGates = map\[featuregate\.Feature\]featuregate\.VersionedSpecs\{([\s\S]*?)\n\}/.exec(text);
    if (versioned) {
      const body = versioned[1].replace(/^\s*\/\/.*$/gm, '');
      for (const m of body.matchAll(/^\s*([\w.]+):\s*\{([\s\S]*?)\n\s*\},?\s*$/gm)) {
        let pick;
        for (const s of m[2].matchAll(/\{([^{}]*)\}/g)) {
          const v = /Version:\s*version\.MustParse\("1\.(\d+)"\)/.exec(s[1]);
          const spec = readSpec(s[1]);
          if (v && spec && Number(v[1]) <= minor) pick = spec;
        }
        if (pick) gates.set(name(m[1]), [pick.stage, pick.on]);
      }
    }
  }
  return gates;
}

function readSpec(text) {
  const d = /Default:\s*(true|false)/.exec(text);
  const p = /PreRelease:\s*featuregate\.(\w+)/.exec(text);
  if (!d || !p || !STAGE[p[1]]) return undefined;
  return { stage: STAGE[p[1]], on: d[1] === 'true' ? 1 : 0 };
}

// ---- field → gate --------------------------------------------------------------------------

/**
 * Fields of the pod template that pkg/api/pod/util.go drops on create when their gate is off
 * (create: there is no old pod spec, so every "…InUse(oldPodSpec)" is false).
 * `via`: the gate applies only to the field of objects under these parent fields (restartPolicy of
 * init containers vs. of regular containers). `formerly`: the gate's name in releases before a rename.
 * Not here: dropDisabledProcMountField, which resets securityContext.procMount to Default instead of
 * dropping it (the server keeps the field).
 */
const POD_DROPS = [
  { type: 'PodSpec', field: 'hostUsers', gate: 'UserNamespacesSupport', formerly: 'UserNamespacesStatelessPodsSupport', fn: 'dropDisabledFields' },
  { type: 'PodSecurityContext', field: 'supplementalGroupsPolicy', gate: 'SupplementalGroupsPolicy', fn: 'dropDisabledFields' },
  { type: 'Container', field: 'resizePolicy', gate: 'InPlacePodVerticalScaling', fn: 'dropDisabledFields' },
  { type: 'Container', field: 'restartPolicy', gate: 'SidecarContainers', fn: 'dropDisabledFields', via: 'initContainers' },
  { type: 'Container', field: 'restartPolicy', gate: 'ContainerRestartRules', fn: 'dropDisabledFields → dropContainerRestartRules', via: 'containers' },
  { type: 'Container', field: 'restartPolicyRules', gate: 'ContainerRestartRules', fn: 'dropDisabledFields → dropContainerRestartRules' },
  { type: 'VolumeMount', field: 'recursiveReadOnly', gate: 'RecursiveReadOnlyMounts', fn: 'dropDisabledFields' },
  { type: 'PodSpec', field: 'hostnameOverride', gate: 'HostnameOverride', fn: 'dropDisabledFields' },
  { type: 'EnvVarSource', field: 'fileKeyRef', gate: 'EnvFiles', fn: 'dropFileKeyRefInUse' },
  { type: 'Lifecycle', field: 'stopSignal', gate: 'ContainerStopSignals', fn: 'dropContainerStopSignals' },
  { type: 'PodSpec', field: 'resources', gate: 'PodLevelResources', fn: 'dropDisabledPodLevelResources' },
  { type: 'LifecycleHandler', field: 'sleep', gate: 'PodLifecycleSleepAction', fn: 'dropPodLifecycleSleepAction | dropDisabledFields' },
  { type: 'PodSpec', field: 'resourceClaims', gate: 'DynamicResourceAllocation', fn: 'dropDisabledDynamicResourceAllocationFields' },
  { type: 'ResourceRequirements', field: 'claims', gate: 'DynamicResourceAllocation', fn: 'dropDisabledDynamicResourceAllocationFields' },
  { type: 'TopologySpreadConstraint', field: 'nodeAffinityPolicy', gate: 'NodeInclusionPolicyInPodTopologySpread', fn: 'dropDisabledNodeInclusionPolicyFields' },
  { type: 'TopologySpreadConstraint', field: 'nodeTaintsPolicy', gate: 'NodeInclusionPolicyInPodTopologySpread', fn: 'dropDisabledNodeInclusionPolicyFields' },
  { type: 'TopologySpreadConstraint', field: 'matchLabelKeys', gate: 'MatchLabelKeysInPodTopologySpread', fn: 'dropDisabledMatchLabelKeysFieldInTopologySpread' },
  { type: 'PodAffinityTerm', field: 'matchLabelKeys', gate: 'MatchLabelKeysInPodAffinity', fn: 'dropDisabledMatchLabelKeysFieldInPodAffinity' },
  { type: 'PodAffinityTerm', field: 'mismatchLabelKeys', gate: 'MatchLabelKeysInPodAffinity', fn: 'dropDisabledMatchLabelKeysFieldInPodAffinity' },
  { type: 'VolumeProjection', field: 'clusterTrustBundle', gate: 'ClusterTrustBundleProjection', fn: 'dropDisabledClusterTrustBundleProjection' },
  { type: 'VolumeProjection', field: 'podCertificate', gate: 'PodCertificateRequest', fn: 'dropDisabledPodCertificateProjection' },
  { type: 'Volume', field: 'image', gate: 'ImageVolume', fn: 'dropImageVolumes' },
  { type: 'PodSecurityContext', field: 'seLinuxChangePolicy', gate: 'SELinuxChangePolicy', fn: 'dropSELinuxChangePolicy' },
  { type: 'PodSpec', field: 'schedulingGroup', gate: 'GenericWorkload', fn: 'dropDisabledSchedulingGroup' },
  { type: 'PodSpec', field: 'workloadRef', gate: 'GenericWorkload', fn: 'dropDisabledWorkloadRef' },
  { type: 'PodSpec', field: 'schedulingGates', gate: 'PodSchedulingReadiness', fn: 'dropDisabledFields' },
  { type: 'SecurityContext', field: 'appArmorProfile', gate: 'AppArmorFields', fn: 'dropDisabledFields' },
  { type: 'PodSecurityContext', field: 'appArmorProfile', gate: 'AppArmorFields', fn: 'dropDisabledFields' },
];

/** The text of a Go function, or undefined. */
function goFunc(text, name) {
  const start = text.search(new RegExp(`^func (\\([^)]*\\) )?${name}\\(`, 'm'));
  if (start < 0) return undefined;
  const end = text.indexOf('\n}\n', start);
  return text.slice(start, end < 0 ? undefined : end + 2);
}

/** Job spec fields dropped by the Job strategy's dropDisabledFields / PrepareForCreate when a gate is off. */
function jobDrops(strategy) {
  const out = [];
  const body = goFunc(strategy, 'PrepareForCreate') ?? '';
  const fn = goFunc(strategy, 'dropDisabledFields') ?? '';
  for (const text of [body, fn]) {
    for (const m of text.matchAll(/if !utilfeature\.DefaultFeatureGate\.Enabled\(features\.(\w+)\)\s*\{([\s\S]*?)\n\t\}/g)) {
      for (const f of m[2].matchAll(/^\t\t\w+\.Spec\.(\w+) = nil/gm)) out.push({ field: lowerFirst(f[1]), gate: m[1] });
    }
  }
  return out;
}

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

// ---- run -----------------------------------------------------------------------------------

const perMinor = new Map();
const sources = [];
for (const minor of MINORS) {
  const branch = branchOf(minor);
  const r = roots(branch);
  const structs = new Map();
  for (const group of ['core', 'apps', 'batch']) {
    const text = show(branch, `${r.api}/${group}/v1/types.go`);
    if (!text) throw new Error(`${branch}: no ${r.api}/${group}/v1/types.go`);
    parseStructs(text, structs);
  }
  const featureTexts = ['kube_features.go', 'versioned_kube_features.go'].map((f) => show(branch, `${r.k8s}/pkg/features/${f}`)).filter(Boolean);
  const gates = parseGates(featureTexts, minor);
  const podUtil = show(branch, `${r.k8s}/pkg/api/pod/util.go`) ?? '';
  const jobStrategy = show(branch, `${r.k8s}/pkg/registry/batch/job/strategy.go`) ?? '';
  perMinor.set(minor, { structs, gates, podUtil, jobStrategy });
  sources.push(`${branch} (${formatMinor(minor)}): ${r.api}/{core,apps,batch}/v1/types.go, ${r.k8s}/pkg/features, ${r.k8s}/pkg/api/pod/util.go, ${r.k8s}/pkg/registry/batch/job/strategy.go`);
}

function formatMinor(m) {
  return `1.${m}`;
}

// since: first minor with the field. Types are named as in the newest release; an older release's
// type is the one found at the same JSON path (PersistentVolumeClaimSpec.resources was
// ResourceRequirements before VolumeResourceRequirements), so renames are not new fields.
const NEWEST = MINORS.at(-1);
/** minor → newest type name → that minor's type names at the same paths. */
const sameAs = new Map();
for (const minor of MINORS) {
  const map = new Map();
  const walk = (newT, oldT, depth) => {
    if (depth > 30 || SKIP.has(newT) || !oldT || SKIP.has(oldT)) return;
    let set = map.get(newT);
    if (!set) map.set(newT, (set = new Set()));
    if (set.has(oldT)) return;
    set.add(oldT);
    const newFields = jsonFields(perMinor.get(NEWEST).structs, newT);
    const oldFields = jsonFields(perMinor.get(minor).structs, oldT);
    for (const [f, t] of newFields) if (oldFields.has(f)) walk(t, oldFields.get(f), depth + 1);
  };
  for (const r of ROOTS) walk(r, r, 0);
  sameAs.set(minor, map);
}
/** Whether `minor` has the JSON field on the type found where the newest release has `type`. */
function hasField(type, field, minor) {
  const olds = sameAs.get(minor).get(type);
  if (!olds) return false;
  for (const t of olds) if (jsonFields(perMinor.get(minor).structs, t).has(field)) return true;
  return false;
}
const types = reachable(perMinor.get(NEWEST).structs);
const fields = {};
const put = (type, field, facts) => {
  fields[type] ??= {};
  fields[type][field] = { ...(fields[type][field] ?? {}), ...facts };
};
for (const type of [...types].sort()) {
  for (const field of [...jsonFields(perMinor.get(NEWEST).structs, type).keys()].sort()) {
    const first = MINORS.find((m) => hasField(type, field, m));
    if (first > MINORS[0]) put(type, field, { since: first });
  }
}
// fields of older releases that the newest no longer has (an alpha field replaced by another)
for (const minor of MINORS.slice(0, -1)) {
  for (const [newT, olds] of sameAs.get(minor)) {
    const newest = jsonFields(perMinor.get(NEWEST).structs, newT);
    for (const oldT of olds) {
      for (const f of jsonFields(perMinor.get(minor).structs, oldT).keys()) {
        if (newest.has(f)) continue;
        const first = MINORS.find((m) => hasField(newT, f, m));
        const last = [...MINORS].reverse().find((m) => hasField(newT, f, m));
        put(newT, f, { ...(first > MINORS[0] ? { since: first } : {}), until: last });
      }
    }
  }
}

function fieldAbsent(type, field, minor) {
  return !hasField(type, field, minor);
}

// gates of the pod template, checked against each minor's util.go
const problems = [];
for (const d of POD_DROPS) {
  let seen = 0;
  for (const minor of MINORS) {
    const { podUtil, gates } = perMinor.get(minor);
    const gate = gates.has(d.gate) ? d.gate : d.formerly;
    if (!gate || !gates.has(gate)) continue;
    if (fieldAbsent(d.type, d.field, minor)) continue;
    // `a → b`: a checks the gate and calls b; `a | b`: either function, as releases moved the check
    const bodies = d.fn.split(/ → | \| /).filter((_, i, all) => !d.fn.includes(' → ') || i === 0).map((f) => goFunc(podUtil, f));
    if (bodies.some((b) => b?.includes(`features.${gate}`))) seen++;
    else if (gates.get(gate)[1] === 0) problems.push(`${formatMinor(minor)}: ${d.fn} does not mention ${gate} (${d.type}.${d.field}) though the gate is off`);
  }
  if (seen === 0) problems.push(`${d.type}.${d.field}: ${d.fn} never mentions ${d.gate}`);
  if (d.via) {
    const f = (fields[d.type] ??= {})[d.field] ?? {};
    f.via = { ...(f.via ?? {}), [d.via]: { gate: d.gate } };
    fields[d.type][d.field] = f;
  } else put(d.type, d.field, { gate: d.gate, ...(d.formerly ? { formerGate: d.formerly } : {}) });
}
for (const minor of MINORS) {
  for (const d of jobDrops(perMinor.get(minor).jobStrategy)) {
    const f = fields.JobSpec?.[d.field];
    if (f?.gate && f.gate !== d.gate) problems.push(`${formatMinor(minor)}: JobSpec.${d.field} dropped by ${d.gate} and ${f.gate}`);
    put('JobSpec', d.field, { gate: d.gate });
  }
}
if (problems.length) {
  console.error(`generate-versions: the drop table disagrees with the source:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

// gates: one cell per minor; after a gate is removed it keeps its last state (GA gates are
// removed locked on, and so is their behaviour)
const names = new Set();
for (const { gates } of perMinor.values()) for (const g of gates.keys()) names.add(g);
const gateCells = {};
for (const g of [...names].sort()) {
  const cells = [];
  let last = null;
  for (const minor of MINORS) {
    const c = perMinor.get(minor).gates.get(g);
    if (c) last = c;
    cells.push(c ?? (last && last[0] === 'ga' ? last : null));
  }
  gateCells[g] = cells;
}

const data = { source: `openshift/microshift ${branchOf(MINORS[0])} … ${branchOf(MINORS.at(-1))}`, minMinor: MINORS[0], maxMinor: MINORS.at(-1), gates: gateCells, fields };
const header = `// Generated by scripts/generate-versions.mjs from Kubernetes' own source per release; do not edit.\n// Sources:\n${sources.map((s) => `//   ${s}`).join('\n')}\n`;
const body = `import type { VersionsData } from './types';\n\nexport const versionsData: VersionsData = {\n  source: ${JSON.stringify(data.source)},\n  minMinor: ${data.minMinor},\n  maxMinor: ${data.maxMinor},\n  gates: {\n${Object.entries(gateCells).map(([g, c]) => `    ${g}: ${JSON.stringify(c)},`).join('\n')}\n  },\n  fields: {\n${Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)).map(([t, fs]) => `    ${t}: {\n${Object.entries(fs).sort(([a], [b]) => a.localeCompare(b)).map(([f, v]) => `      ${f}: ${JSON.stringify(v)},`).join('\n')}\n    },`).join('\n')}\n  },\n};\n`;
const text = header + body;
if (CHECK) {
  const have = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  if (have !== text) {
    console.error(`generate-versions: ${OUT} differs from what the sources give; run node scripts/generate-versions.mjs`);
    process.exit(1);
  }
  console.log(`generate-versions: ${OUT} is up to date`);
} else {
  writeFileSync(OUT, text);
  const count = Object.values(fields).reduce((n, fs) => n + Object.keys(fs).length, 0);
  console.log(`generate-versions: ${Object.keys(gateCells).length} gates, ${count} field facts in ${Object.keys(fields).length} types -> ${OUT}`);
}
