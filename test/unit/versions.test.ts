import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { clampMinor, DEFAULT_MINOR, describeFieldFacts, fieldFacts, fieldStatus, formatMinor, gateEnabled, gateHistory, MAX_MINOR, MIN_MINOR, parseKubernetesVersion } from '../../server/src/core/versions';
import { readSettings } from '../../server/src/lsp/workspace';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile } from '../../server/src/core/diagnostics';

describe('target Kubernetes version', () => {
  test('versions parse as a kubectl/kind user writes them', () => {
    assert.equal(parseKubernetesVersion('1.31'), 31);
    assert.equal(parseKubernetesVersion('v1.31.4'), 31);
    assert.equal(parseKubernetesVersion('1.31.4'), 31);
    assert.equal(parseKubernetesVersion(' 1.27 '), 27);
    assert.equal(parseKubernetesVersion('v1.36.0-rc.1'), 36);
    assert.equal(parseKubernetesVersion('1.26'), undefined);
    assert.equal(parseKubernetesVersion('1.37'), undefined);
    assert.equal(parseKubernetesVersion('2.31'), undefined);
    assert.equal(parseKubernetesVersion('latest'), undefined);
    assert.equal(parseKubernetesVersion(''), undefined);
    assert.equal(formatMinor(31), '1.31');
    assert.equal(clampMinor(undefined), DEFAULT_MINOR);
    assert.equal(clampMinor(12), MIN_MINOR);
    assert.equal(clampMinor(99), MAX_MINOR);
  });

  test('a gate is off before its beta and on from it (JobSuccessPolicy: alpha 1.30, beta 1.31)', () => {
    assert.equal(gateEnabled('JobSuccessPolicy', 30), false);
    assert.equal(gateEnabled('JobSuccessPolicy', 31), true);
    assert.equal(gateEnabled('NoSuchGate', 36), false);
    const history = gateHistory('JobSuccessPolicy');
    assert.deepEqual(history[0], { minor: 30, stage: 'alpha', enabled: false });
    assert.equal(history.at(-1)?.minor, 36);
  });

  test('Job successPolicy: unknown on 1.29, dropped on 1.30, served from 1.31', () => {
    assert.deepEqual(fieldFacts('JobSpec', 'successPolicy'), { since: 30, gate: 'JobSuccessPolicy' });
    assert.deepEqual(fieldStatus('JobSpec', 'successPolicy', 29), { status: 'unknown', since: 30 });
    assert.deepEqual(fieldStatus('JobSpec', 'successPolicy', 30), { status: 'dropped', gate: 'JobSuccessPolicy', enabledIn: 31 });
    assert.deepEqual(fieldStatus('JobSpec', 'successPolicy', 31), { status: 'ok' });
    assert.deepEqual(fieldStatus('JobSpec', 'parallelism', 27), { status: 'ok' });
    assert.match(describeFieldFacts('JobSpec', 'successPolicy', 30) ?? '', /since 1\.30 .*beta 1\.31.*dropped: feature gate JobSuccessPolicy is off until 1\.31/);
  });

  test('the setting reaches the server settings and the check settings', () => {
    const s = readSettings({ kubernetesVersion: '1.31' });
    assert.equal(s.kubernetesMinor, 31);
    assert.equal(s.validate.kubernetesMinor, 31);
    assert.equal(readSettings({}).kubernetesMinor, DEFAULT_MINOR);
    assert.equal(readSettings({ kubernetesVersion: 'nonsense' }).kubernetesMinor, DEFAULT_MINOR);
  });
});

describe('version data (server/src/core/versions/data.ts, written by scripts/generate-versions.mjs)', () => {
  test('is well-formed: one cell per minor for every gate, facts within the range, every gate a field names is known', async () => {
    const { versionsData: data } = await import('../../server/src/core/versions/data');
    assert.equal(data.minMinor, MIN_MINOR);
    assert.equal(data.maxMinor, MAX_MINOR);
    assert.ok(Object.keys(data.gates).length > 200, 'gates of pkg/features');
    for (const [gate, cells] of Object.entries(data.gates)) {
      assert.equal(cells.length, MAX_MINOR - MIN_MINOR + 1, gate);
      for (const c of cells) if (c) assert.ok(['alpha', 'beta', 'ga', 'deprecated'].includes(c[0]) && (c[1] === 0 || c[1] === 1), `${gate}: ${JSON.stringify(c)}`);
    }
    let facts = 0;
    for (const [type, fields] of Object.entries(data.fields)) {
      for (const [field, f] of Object.entries(fields)) {
        facts++;
        if (f.since !== undefined) assert.ok(f.since > MIN_MINOR && f.since <= MAX_MINOR, `${type}.${field} since ${f.since}`);
        if (f.until !== undefined) assert.ok(f.until >= (f.since ?? MIN_MINOR) && f.until < MAX_MINOR, `${type}.${field} until ${f.until}`);
        for (const g of [f.gate, f.formerGate, ...Object.values(f.via ?? {}).map((v) => v.gate)]) if (g) assert.ok(data.gates[g], `${type}.${field}: gate ${g} is not in pkg/features`);
      }
    }
    assert.ok(facts >= 40, `${facts} field facts`);
  });

  test('the generator reproduces the committed file from the microshift mirror (skipped without the mirror)', (t) => {
    const repo = '/work/.mirror/openshift+microshift/repo';
    if (!existsSync(repo)) return t.skip('no microshift mirror on this machine');
    const r = spawnSync(process.execPath, ['scripts/generate-versions.mjs', '--check', '--repo', repo], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr + r.stdout);
  });

  test('facts read from Kubernetes agree with what the API servers do (spot checks)', () => {
    // sidecars: alpha (off) in 1.28, beta (on) from 1.29
    assert.deepEqual(fieldStatus('Container', 'restartPolicy', 28, 'initContainers'), { status: 'dropped', gate: 'SidecarContainers', enabledIn: 29 });
    assert.deepEqual(fieldStatus('Container', 'restartPolicy', 29, 'initContainers'), { status: 'ok' });
    assert.deepEqual(fieldStatus('Container', 'restartPolicy', 27, 'initContainers'), { status: 'unknown', since: 28 });
    // regular containers: the gate exists from 1.34; before, validation forbids the field instead
    assert.deepEqual(fieldStatus('Container', 'restartPolicy', 33, 'containers'), { status: 'ok' });
    assert.deepEqual(fieldStatus('Container', 'restartPolicy', 34, 'containers'), { status: 'dropped', gate: 'ContainerRestartRules', enabledIn: 35 });
    // hostUsers: the gate was UserNamespacesStatelessPodsSupport in 1.27
    assert.equal((fieldStatus('PodSpec', 'hostUsers', 27) as { gate?: string }).gate, 'UserNamespacesStatelessPodsSupport');
    assert.equal(gateEnabled('RelaxedEnvironmentVariableValidation', 31), false);
    assert.equal(gateEnabled('RelaxedEnvironmentVariableValidation', 32), true);
  });
});

describe('version checks', () => {
  const CRON = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      completionMode: Indexed\n      completions: 2\n      successPolicy:\n        rules:\n          - succeededCount: 1\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: c\n              image: busybox:1.36\n';
  const check = (text: string, minor: number) => checkFile(parseWorkloadFile(text), { enable: true, rules: {}, kubernetesMinor: minor });

  test('a CronJob keeps a Job field of an off gate (only its Jobs lose it): an info, not the dropped-field warning', () => {
    const on30 = check(CRON, 30);
    assert.ok(!on30.some((d) => d.code === 'version-dropped-field'));
    const info = on30.find((d) => d.code === 'version-dropped-in-jobs');
    assert.equal(info?.severity, 'info');
    assert.equal(info?.path, 'spec.jobTemplate.spec.successPolicy');
    assert.match(info!.message, /drops it from every Job created from it: feature gate JobSuccessPolicy is off by default until 1\.31/);
    assert.ok(!check(CRON, 31).some((d) => d.code.startsWith('version-')));
    assert.ok(check(CRON, 29).some((d) => d.code === 'unknown-field' && d.path === 'spec.jobTemplate.spec.successPolicy'));
  });

  test('1.28 drops a Job\'s FailIndex rules even without backoffLimitPerIndex (Job strategy PrepareForCreate); 1.29 rejects them', () => {
    const JOB = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: fi}\nspec:\n  podFailurePolicy:\n    rules:\n    - action: FailIndex\n      onExitCodes: {operator: In, values: [3]}\n    - action: FailJob\n      onExitCodes: {operator: In, values: [4]}\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: busybox:1.36}]\n';
    const on28 = check(JOB, 28);
    assert.deepEqual(on28.filter((d) => d.severity === 'error'), []);
    const dropped = on28.filter((d) => d.code === 'version-dropped-field');
    assert.deepEqual(dropped.map((d) => d.path), ['spec.podFailurePolicy.rules[0]']);
    const removed = dropped[0].fixes?.[0]?.edits[0];
    assert.ok(removed && JOB.slice(removed.start, removed.end).includes('FailIndex') && !JOB.slice(removed.start, removed.end).includes('FailJob'));
    assert.ok(check(JOB, 29).some((d) => d.severity === 'error' && d.path === 'spec.podFailurePolicy.rules[0].action'));
    const cron = JOB.replace('kind: Job', 'kind: CronJob');
    assert.ok(!check(cron, 28).some((d) => d.path === 'spec.podFailurePolicy.rules[0]'));
  });

  test('the default target is 1.36', () => {
    assert.deepEqual(checkFile(parseWorkloadFile(CRON)).filter((d) => d.code.startsWith('version-')), []);
  });
});

test('version facts name the schema\'s types and fields (only fields a later release removed are missing from it)', async () => {
  const { versionsData: data } = await import('../../server/src/core/versions/data');
  const { typeInfo, fieldOf } = await import('../../server/src/core/schema');
  for (const [type, fields] of Object.entries(data.fields)) {
    const info = typeInfo(type);
    assert.ok(info, `schema type ${type}`);
    for (const [field, facts] of Object.entries(fields)) {
      if (!fieldOf(info!, field)) assert.ok(facts.until !== undefined, `${type}.${field} is in no schema and not a removed field`);
    }
  }
});
