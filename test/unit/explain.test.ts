import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { describeQuantity } from '../../server/src/core/explain/quantity';
import { parseQuantity, quantityToDecimal } from '../../server/src/core/quantity';
import { scopeOf } from '../../server/src/core/explain/scope';
import { NOTES, TYPE_NOTES, noteFor, pickByKind } from '../../server/src/core/explain/inShort';
import { explainField } from '../../server/src/core/explain/hover';
import { explainPath, ExplainPathError } from '../../server/src/core/explain/explainPath';
import { parseWorkloadFile, type WorkloadKind } from '../../server/src/core/model/workloadFile';
import type { PathSeg } from '../../server/src/core/model/path';
import { fieldAt } from '../../server/src/core/schema';
import { lesson } from '../helpers/fixtures';

describe('quantities in plain numbers', () => {
  const cases: Array<[string, string | undefined, RegExp]> = [
    ['50m', 'cpu', /^`50m` = 0\.05 CPU \(50 millicores/],
    ['0.5', 'cpu', /= 0\.5 CPU \(500 millicores/],
    ['2', 'cpu', /= 2 CPU \(2,000 millicores/],
    ['1e3', 'cpu', /= 1,000 CPU/],
    ['0.0001', 'cpu', /finer than 1m/],
    ['50Mi', 'memory', /^`50Mi` = 52,428,800 bytes \(50 MiB = 52\.43 MB\)\.$/],
    ['1Gi', 'memory', /^`1Gi` = 1,073,741,824 bytes/],
    ['100M', 'memory', /^`100M` = 100,000,000 bytes.*`Mi` is the power of two \(1Mi = 1,048,576 bytes\)/],
    ['1e3', 'memory', /^`1e3` = 1,000 bytes\.$/],
    ['1.5Gi', 'memory', /= 1,610,612,736 bytes/],
    ['1Ei', 'ephemeral-storage', /= 1,152,921,504,606,846,976 bytes/],
    ['100m', 'memory', /= 0\.1 bytes\. Careful: the `m` suffix means \*milli\*/],
    ['3', 'nvidia.com/gpu', /^`3` = 3\.$/],
  ];
  for (const [text, resource, expected] of cases) {
    test(`${text} (${resource})`, () => assert.match(describeQuantity(text, resource) ?? '', expected));
  }
  test('not quantities', () => {
    for (const bad of ['50MB', '1.5.0', '', 'abc', '1 Gi', '--1', '1e']) assert.equal(parseQuantity(bad), undefined, bad);
  });
  test('exact arithmetic for negative exponents and signs', () => {
    assert.equal(quantityToDecimal(parseQuantity('-1.25k')!), '-1,250');
    assert.equal(quantityToDecimal(parseQuantity('5n')!), '0.000000005');
    assert.equal(quantityToDecimal(parseQuantity('.5')!), '0.5');
    assert.equal(quantityToDecimal(parseQuantity('1E-2')!), '0.01');
  });
});

describe('scopes: where a field sits, per kind', () => {
  test('pod, container and job scopes for each kind', () => {
    assert.deepEqual(scopeOf('DaemonSet', ['spec', 'template', 'spec', 'tolerations', 0, 'operator']), { scope: 'pod', rest: 'tolerations[].operator', field: 'operator' });
    assert.deepEqual(scopeOf('CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'initContainers', 1, 'image']), { scope: 'container', rest: 'image', field: 'image' });
    assert.equal(scopeOf('CronJob', ['spec', 'jobTemplate', 'spec', 'backoffLimit']).scope, 'job');
    assert.equal(scopeOf('CronJob', ['spec', 'schedule']).scope, 'cronjob');
    assert.equal(scopeOf('Job', ['spec', 'template', 'metadata', 'labels']).scope, 'meta');
    assert.equal(scopeOf('DaemonSet', ['spec', 'updateStrategy', 'type']).rest, 'updateStrategy.type');
  });
  test('restartPolicy reads differently for a DaemonSet and a Job', () => {
    const ds = pickByKind(noteFor('DaemonSet', ['spec', 'template', 'spec', 'restartPolicy'])!.note.text, 'DaemonSet')!;
    const job = pickByKind(noteFor('Job', ['spec', 'template', 'spec', 'restartPolicy'])!.note.text, 'Job')!;
    assert.match(ds, /only accepts `Always`/);
    assert.match(job, /Job controller creates new pods/);
  });
  test('free-form keys fall back to the map entry, shared types to their type note', () => {
    assert.equal(noteFor('DaemonSet', ['metadata', 'labels', 'app.kubernetes.io/name'])?.key, 'meta:labels.*');
    assert.equal(noteFor('Job', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'])?.key, 'container:resources.limits.*');
    assert.equal(noteFor('DaemonSet', ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe', 'periodSeconds'])?.key, 'Probe.periodSeconds');
    assert.equal(noteFor('CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'env', 0, 'valueFrom'])?.key, 'EnvVar.valueFrom');
  });
});

describe('In short texts', () => {
  const kinds: Array<[WorkloadKind, () => string]> = [['DaemonSet', lesson.daemonset], ['Job', lesson.job], ['CronJob', lesson.cronjob]];
  for (const [kind, text] of kinds) {
    test(`every key of the lesson's ${kind} has an In short and a schema entry`, () => {
      const doc = parseWorkloadFile(text()).docs[0].doc;
      const missing: string[] = [];
      const visit = (node: unknown, segs: PathSeg[]) => {
        if (isMap(node)) {
          for (const pair of node.items) {
            if (!isScalar(pair.key)) continue;
            const next = [...segs, String(pair.key.value)];
            const e = explainField(kind, next);
            if (!e?.inShort) missing.push(next.join('.'));
            visit(pair.value, next);
          }
        } else if (isSeq(node)) {
          node.items.forEach((item, i) => visit(item, [...segs, i]));
        }
      };
      visit(doc.yaml.contents as Node, []);
      assert.deepEqual(missing, []);
    });
  }

  test('the fields the issue names all have notes', () => {
    const paths: Array<[WorkloadKind, PathSeg[]]> = [
      ['DaemonSet', ['spec', 'template', 'spec', 'tolerations']],
      ['DaemonSet', ['spec', 'template', 'spec', 'volumes', 0, 'hostPath', 'type']],
      ['DaemonSet', ['spec', 'updateStrategy']],
      ['DaemonSet', ['spec', 'selector']],
      ['Job', ['spec', 'completionMode']],
      ['Job', ['spec', 'activeDeadlineSeconds']],
      ['Job', ['spec', 'podFailurePolicy']],
      ['Job', ['spec', 'template', 'spec', 'nodeSelector']],
      ['Job', ['spec', 'template', 'spec', 'affinity']],
      ['Job', ['spec', 'template', 'spec', 'containers', 0, 'args']],
      ['Job', ['spec', 'template', 'spec', 'containers', 0, 'volumeMounts']],
      ['CronJob', ['spec', 'concurrencyPolicy']],
      ['CronJob', ['spec', 'suspend']],
      ['CronJob', ['spec', 'successfulJobsHistoryLimit']],
      ['CronJob', ['spec', 'failedJobsHistoryLimit']],
      ['CronJob', ['spec', 'timeZone']],
      ['CronJob', ['spec', 'startingDeadlineSeconds']],
    ];
    for (const [kind, segs] of paths) assert.ok(explainField(kind, segs)?.inShort, `${kind} ${segs.join('.')}`);
  });

  test('every note is keyed by a path or type the schema knows', () => {
    const probe: Record<string, PathSeg[]> = { ds: ['spec'], job: ['spec'], cronjob: ['spec'], template: ['spec', 'template'], pod: ['spec', 'template', 'spec'], container: ['spec', 'template', 'spec', 'containers', 0], meta: ['metadata'], root: [] };
    const kindFor: Record<string, WorkloadKind> = { ds: 'DaemonSet', cronjob: 'CronJob' };
    for (const key of Object.keys(NOTES)) {
      const [scope, rest] = key.split(':');
      if (!rest || rest.endsWith('*')) continue;
      const kind = kindFor[scope] ?? 'Job';
      const segs: PathSeg[] = [...probe[scope]];
      for (const part of rest.split('.')) {
        const list = part.endsWith('[]');
        segs.push(list ? part.slice(0, -2) : part);
        if (list) segs.push(0);
      }
      assert.ok(fieldAt(kind, segs), `note ${key} names a real field`);
    }
    for (const key of Object.keys(TYPE_NOTES)) {
      assert.ok(/^[A-Z]\w+\.\w+$/.test(key), key);
    }
  });

  test('our words: no text shares seven words in a row with the lesson manifests\' comments', () => {
    const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);
    const comments = ` ${[lesson.daemonset(), lesson.job(), lesson.cronjob()].flatMap((t) => t.split('\n').map((l) => (l.includes('#') ? l.slice(l.indexOf('#') + 1) : ''))).map((c) => norm(c).join(' ')).join(' ')} `;
    const texts: string[] = [];
    const collect = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(NOTES);
    collect(TYPE_NOTES);
    for (const text of texts) {
      const words = norm(text);
      for (let i = 0; i + 7 <= words.length; i++) assert.ok(!comments.includes(` ${words.slice(i, i + 7).join(' ')} `), `"${words.slice(i, i + 7).join(' ')}" in: ${text}`);
    }
  });

  test('enum values with explanations are real enum values', () => {
    const checks: Array<[WorkloadKind, PathSeg[]]> = [
      ['Job', ['spec', 'template', 'spec', 'restartPolicy']],
      ['Job', ['spec', 'template', 'spec', 'tolerations', 0, 'operator']],
      ['Job', ['spec', 'template', 'spec', 'tolerations', 0, 'effect']],
      ['Job', ['spec', 'template', 'spec', 'volumes', 0, 'hostPath', 'type']],
      ['Job', ['spec', 'completionMode']],
      ['CronJob', ['spec', 'concurrencyPolicy']],
      ['Job', ['spec', 'podReplacementPolicy']],
    ];
    for (const [kind, segs] of checks) {
      const values = Object.keys(noteFor(kind, segs)!.note.values!).filter((v) => v !== '');
      const allowed = fieldAt(kind, segs)!.shape.enum!;
      for (const v of values) assert.ok(allowed.includes(v), `${segs.join('.')}: ${v}`);
    }
  });
});

describe('explainPath (the CLI core)', () => {
  test('resolves kinds, short names and list steps', () => {
    assert.equal(explainPath('cronjob.spec.concurrencyPolicy').explanation.path, 'spec.concurrencyPolicy');
    assert.equal(explainPath('ds.spec.template.spec.tolerations.operator').explanation.path, 'spec.template.spec.tolerations[0].operator');
    assert.equal(explainPath('Job').fields.some((f) => f.name === 'status'), false);
    assert.deepEqual(explainPath('daemonset.spec.template.spec.tolerations').fields.map((f) => f.name), ['effect', 'key', 'operator', 'tolerationSeconds', 'value']);
  });
  test('near misses', () => {
    assert.throws(() => explainPath('job.spec.backofLimit'), (e: ExplainPathError) => e.suggestion === 'job.spec.backoffLimit');
    assert.throws(() => explainPath('cronjobb'), (e: ExplainPathError) => e.suggestion === 'CronJob');
    assert.throws(() => explainPath('job.spec.zzzzzzzz'), (e: ExplainPathError) => e.suggestion === undefined);
  });
});
