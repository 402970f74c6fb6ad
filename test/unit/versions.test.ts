import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { clampMinor, DEFAULT_MINOR, describeFieldFacts, fieldFacts, fieldStatus, formatMinor, gateEnabled, gateHistory, MAX_MINOR, MIN_MINOR, parseKubernetesVersion } from '../../server/src/core/versions';
import { readSettings } from '../../server/src/lsp/workspace';

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
