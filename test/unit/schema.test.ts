import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { docsUrl, fieldAt, kubePath, rootType, shapeLabel, typeInfo, allTypes } from '../../server/src/core/schema';

describe('generated schema', () => {
  test('roots are the three workload kinds and reach the pod spec types', () => {
    assert.equal(rootType('DaemonSet').name, 'DaemonSet');
    assert.equal(rootType('Job').name, 'Job');
    assert.equal(rootType('CronJob').name, 'CronJob');
    for (const name of ['PodSpec', 'Container', 'Toleration', 'Affinity', 'ObjectMeta', 'HostPathVolumeSource', 'Probe', 'JobTemplateSpec']) {
      assert.ok(typeInfo(name), `${name} reachable`);
    }
    assert.equal(typeInfo('V1PodSpec')?.name, 'PodSpec', 'client model names resolve too');
    assert.equal(typeInfo('Deployment'), undefined, 'types no workload reaches are left out');
    assert.ok(allTypes().length > 100);
  });

  test('field types, formats, required and descriptions', () => {
    const cases: Array<[kind: 'DaemonSet' | 'Job' | 'CronJob', path: (string | number)[], label: string, required?: boolean]> = [
      ['Job', ['spec', 'backoffLimit'], 'integer (int32)', false],
      ['Job', ['spec', 'activeDeadlineSeconds'], 'integer (int64)', false],
      ['Job', ['spec', 'template', 'spec', 'containers'], '[]Container', true],
      ['Job', ['spec', 'template', 'spec', 'containers', 0], 'Container'],
      ['Job', ['spec', 'template', 'spec', 'containers', 0, 'name'], 'string', true],
      ['Job', ['spec', 'template', 'spec', 'containers', 0, 'image'], 'string', false],
      ['Job', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits'], 'map[string]quantity'],
      ['Job', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu'], 'quantity'],
      ['Job', ['metadata', 'labels'], 'map[string]string'],
      ['Job', ['metadata', 'creationTimestamp'], 'date-time'],
      ['DaemonSet', ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], 'int-or-string'],
      ['DaemonSet', ['spec', 'template', 'spec', 'volumes', 0, 'emptyDir', 'sizeLimit'], 'quantity'],
      ['DaemonSet', ['spec', 'template', 'spec', 'hostNetwork'], 'boolean'],
      ['CronJob', ['spec', 'schedule'], 'string', true],
      ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'restartPolicy'], 'string'],
    ];
    for (const [kind, path, label, required] of cases) {
      const hit = fieldAt(kind, path);
      assert.ok(hit, `${path.join('.')} found`);
      assert.equal(shapeLabel(hit.shape), label, path.join('.'));
      if (required !== undefined) assert.equal(hit.field?.required, required, `${path.join('.')} required`);
    }
    assert.match(fieldAt('CronJob', ['spec', 'schedule'])?.field?.description ?? '', /Cron format/);
    assert.equal(fieldAt('Job', ['spec', 'comand']), undefined);
    assert.equal(fieldAt('Job', ['spec', 'template', 'spec', 'containers', 'x']), undefined, 'a key into a list leaves the schema');
  });

  test('enums carry the API valid values', () => {
    const enumAt = (kind: 'DaemonSet' | 'Job' | 'CronJob', path: (string | number)[]) => fieldAt(kind, path)?.shape.enum;
    assert.deepEqual(enumAt('Job', ['spec', 'template', 'spec', 'restartPolicy']), ['Always', 'OnFailure', 'Never']);
    assert.deepEqual(enumAt('CronJob', ['spec', 'concurrencyPolicy']), ['Allow', 'Forbid', 'Replace']);
    assert.deepEqual(enumAt('Job', ['spec', 'completionMode']), ['NonIndexed', 'Indexed']);
    assert.deepEqual(enumAt('DaemonSet', ['spec', 'updateStrategy', 'type']), ['RollingUpdate', 'OnDelete']);
    assert.ok(enumAt('DaemonSet', ['spec', 'template', 'spec', 'tolerations', 0, 'effect'])?.includes('NoExecute'));
    assert.ok(enumAt('DaemonSet', ['spec', 'template', 'spec', 'volumes', 0, 'hostPath', 'type'])?.includes('DirectoryOrCreate'));
    assert.deepEqual(enumAt('Job', ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'protocol']), ['TCP', 'UDP', 'SCTP']);
  });

  test('kubePath puts free-form map keys and indices in brackets', () => {
    assert.equal(kubePath('Job', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu']), 'spec.template.spec.containers[0].resources.limits[cpu]');
    assert.equal(kubePath('DaemonSet', ['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels[app.kubernetes.io/name]');
    assert.equal(kubePath('DaemonSet', ['spec', 'template', 'spec', 'nodeSelector', 'disk']), 'spec.template.spec.nodeSelector[disk]');
    assert.equal(kubePath('Job', ['spec', 'template', 'spec', 'containers', 0, 'comand']), 'spec.template.spec.containers[0].comand');
    assert.equal(kubePath('Job', ['spec', 'template', 'spec', 'containers', 0, 'requests', 'cpu']), 'spec.template.spec.containers[0].requests.cpu', 'off-schema steps are not bracketed');
  });

  test('docs links point at the kubernetes.io API reference', () => {
    assert.match(docsUrl('CronJob'), /^https:\/\/kubernetes\.io\/docs\/reference\/kubernetes-api\/workload-resources\/cron-job-v1\/$/);
  });
});
