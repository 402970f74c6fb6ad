// Hostile input, one class per test: each was a crash, a hang, a flood or a corrupting fix once.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isScalar } from 'yaml';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { capFindings, checkFile, MAX_CHECKED_CHARS, type CoreDiagnostic } from '../../server/src/core/diagnostics';
import { disableFix, isLint } from '../../server/src/core/rules/suppress';
import { completionsAt } from '../../server/src/core/explain/completion';
import { hoverAt } from '../../server/src/core/explain/hover';
import { explainPath, ExplainPathError } from '../../server/src/core/explain/explainPath';
import { deref, nodeAtPath } from '../../server/src/core/model/path';
import { docToObject } from '../../server/src/core/placement/workload';
import { simulateCronJob, MAX_SIMULATED_HOURS } from '../../server/src/core/simulate/cronjob';
import { plainOf } from '../../server/src/core/rules/api/value';
import { applyEdits, checkFix } from '../fuzz/coreProperties';

const job = (spec: string, pod = '      restartPolicy: Never\n') =>
  `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n${spec}  template:\n    spec:\n${pod}      containers:\n      - name: c\n        image: busybox:1.36\n        resources: {requests: {cpu: 100m}}\n`;
const daemonSet = (pod: string, spec = '') =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n${spec}  template:\n    metadata:\n      labels: {app: d}\n    spec:\n${pod}      containers:\n      - name: c\n        image: busybox:1.36\n        resources: {requests: {cpu: 100m}}\n`;

function fixed(text: string, code: string, title?: RegExp): string {
  const d = checkFile(parseWorkloadFile(text)).find((x) => x.code === code);
  assert.ok(d, `${code} is reported`);
  const fix = d.fixes?.find((f) => !title || title.test(f.title));
  assert.ok(fix, `${code} has a fix`);
  assert.deepEqual(checkFix(text, d, fix), []);
  return applyEdits(text, fix.edits)!;
}

describe('quick fixes on keys that exist without a value', () => {
  for (const value of ['', ' null', ' ~']) {
    test(`ttlSecondsAfterFinished:${value} is filled in, not added twice`, () => {
      const out = fixed(job(`  ttlSecondsAfterFinished:${value}\n`), 'lint-job-ttl');
      assert.equal(out.match(/ttlSecondsAfterFinished/g)?.length, 1);
      assert.match(out, /\n {2}ttlSecondsAfterFinished: 86400\n {2}template:/);
    });
    test(`tolerations:${value} in a DaemonSet is filled in`, () => {
      const out = fixed(daemonSet(`      tolerations:${value}\n`), 'lint-daemonset-control-plane', /Tolerate/);
      assert.equal(out.match(/tolerations/g)?.length, 1);
      assert.match(out, /tolerations:\n {8}- key: node-role.kubernetes.io\/control-plane/);
    });
  }
  test('dnsPolicy: null with hostNetwork is filled in', () => {
    const out = fixed(job('  ttlSecondsAfterFinished: 10\n', '      restartPolicy: Never\n      hostNetwork: true\n      dnsPolicy: null  # keep me\n'), 'lint-hostnetwork-dns', /Add/);
    assert.match(out, /dnsPolicy: ClusterFirstWithHostNet {2}# keep me\n/);
  });
  test('maxUnavailable: with nothing after it is filled in', () => {
    const out = fixed(daemonSet('', '  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable:\n'), 'api-daemonset-spec', /maxUnavailable/);
    assert.equal(out.match(/maxUnavailable/g)?.length, 1);
    assert.match(out, /maxUnavailable: 0\n/);
  });
  test('restartPolicy: with no value gets a space before the value', () => {
    const out = fixed(job('  ttlSecondsAfterFinished: 1\n', '      restartPolicy:\n'), 'api-restart-policy', /Never/);
    assert.match(out, /restartPolicy: Never\n/);
  });
  test('restartPolicy: with no value and a comment after it keeps the comment (found by the server fuzzer)', () => {
    for (const gap of ['  ', ' ']) {
      const out = fixed(job('  ttlSecondsAfterFinished: 1\n', `      restartPolicy:${gap}# why\n`), 'api-restart-policy', /Never/);
      assert.match(out, /restartPolicy: {1,2}Never # why\n/, JSON.stringify(out));
    }
  });
});

describe('quick fixes keep the file as it is around the edit', () => {
  test('a CRLF file gets CRLF in inserted lines', () => {
    const text = job('').replace(/\n/g, '\r\n');
    const out = fixed(text, 'lint-job-ttl');
    assert.doesNotMatch(out, /[^\r]\n/);
  });
  test('TZ= moved out of a block-scalar schedule keeps the next line on its own', () => {
    const text = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n  schedule: >-\n    TZ=Europe/London 0 2 * * *\n  jobTemplate:\n    spec:\n      ttlSecondsAfterFinished: 100\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: c\n            image: busybox:1.36\n            resources: {requests: {cpu: 100m}}\n';
    const out = fixed(text, 'cron-schedule-tz');
    assert.match(out, /timeZone: "Europe\/London"\n {2}schedule: >-\n {4}0 2 \* \* \*\n {2}jobTemplate:/);
  });
  for (const [name, value] of [['plain', 'logs\n          dir'], ['quoted', '"logs\n          dir"']]) {
    test(`no "disable for this line" comment inside a multi-line ${name} scalar`, () => {
      const file = parseWorkloadFile(daemonSet(`      volumes:\n      - {name: ${value}, hostPath: {path: /var/log}}\n      tolerations: [{operator: Exists}]\n`));
      const d = checkFile(file).find((x) => x.code === 'lint-host-path');
      assert.ok(d && isLint(d.code));
      assert.equal(disableFix(file, d), undefined);
    });
  }
  test('no rename of an unknown key onto a key the mapping already has', () => {
    const d = checkFile(parseWorkloadFile(`iVersion: batch/v1\n${job('')}`)).find((x) => x.code === 'unknown-field');
    assert.ok(d);
    assert.deepEqual(d.fixes ?? [], []);
  });
});

describe('names of Object.prototype in the YAML', () => {
  for (const kind of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    test(`kind: ${kind} answers hover and completion everywhere`, () => {
      const text = `kind: ${kind}\nmetadata:\n  name: x\n  labels: {constructor: a, __proto__: b}\nspec:\n  \n`;
      const file = parseWorkloadFile(text);
      assert.equal(file.docs[0].doc.workload, undefined);
      for (let offset = 0; offset <= text.length; offset++) {
        completionsAt(file, offset);
        hoverAt(file, offset);
      }
      assert.throws(() => explainPath(kind), ExplainPathError);
    });
  }
  test('a __proto__ key is data, not a prototype', () => {
    const doc = parseWorkloadFile(job('').replace('  name: j\n', '  name: j\n  labels:\n    __proto__: x\n')).docs[0].doc;
    const plain = plainOf(doc) as { metadata: { labels: Record<string, unknown> } };
    assert.ok(Object.hasOwn(plain.metadata.labels, '__proto__'));
    assert.equal(Object.getPrototypeOf(plain.metadata.labels), Object.prototype);
  });
});

describe('bounded work', () => {
  test('aliases resolve to the last anchor of that name before them', () => {
    const doc = parseWorkloadFile('a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: [&y {k: v}, *y]\n').docs[0].doc;
    const value = (key: string) => {
      const n = deref(doc.yaml, nodeAtPath(doc, [key])?.node);
      return isScalar(n) ? n.value : n;
    };
    assert.equal(value('b'), 1);
    assert.equal(value('d'), 2);
  });

  test('more than 1000 findings: the most severe 1000 and one "… and N more"', () => {
    const list: CoreDiagnostic[] = Array.from({ length: 1500 }, (_, i) => ({ start: i, end: i + 1, severity: i % 2 ? 'warning' : 'error', code: 'x', message: '', path: null }));
    const shown = capFindings(list);
    assert.equal(shown.length, 1001);
    assert.equal(shown.slice(0, 750).every((d) => d.severity === 'error'), true);
    const more = shown[1000];
    assert.equal(more.code, 'too-many-problems');
    assert.match(more.message, /and 500 more problems/);
    assert.equal(capFindings(list.slice(0, 1000)).length, 1000);
    // What the editor shows comes first: the warnings at 1400–1450 are shown (without a view, only the first 250 warnings are).
    assert.ok(!shown.includes(list[1401]));
    const inView = capFindings(list, 1000, [[1400, 1450]]);
    assert.equal(inView.length, 1001);
    assert.ok(list.slice(1400, 1451).every((d) => inView.includes(d)), 'every finding in view is shown');
    assert.equal(inView.filter((d) => d.severity === 'error').length, 750);
  });

  test('a file over the size limit is not parsed at all', () => {
    const file = parseWorkloadFile(job('') + '#'.repeat(MAX_CHECKED_CHARS));
    assert.equal(file.docs.length, 0);
    assert.deepEqual(checkFile(file).map((d) => d.code), ['file-too-large']);
  });

  test('a collection as a mapping key: no data for placement, and no process warning', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const doc = parseWorkloadFile('apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  ? [a, b]\n  : 1\n').docs[0].doc;
      assert.match(docToObject(doc).error ?? '', /mapping key is itself a list/);
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings, []);
  });

  test('a CronJob simulation is capped in hours and in schedule times, and says so', () => {
    const spec = { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } };
    const from = new Date('2026-01-01T00:00:00Z');
    const t = simulateCronJob('cj', spec, { from, hours: 100_000 });
    assert.ok(t.notes.some((n) => n.includes(`capped at ${MAX_SIMULATED_HOURS} h`)));
    assert.ok(t.notes.some((n) => n.includes('only the first 500 schedule times')));
    assert.equal(t.runs.length, 500);
    assert.ok(t.to <= from.getTime() + 500 * 60_000);
  });

  test('completion right after a 100,000-character token answers', () => {
    const text = job('').replace('image: busybox:1.36', `image: b${'x'.repeat(100_000)} `);
    const file = parseWorkloadFile(text);
    const at = text.indexOf('x ') + 2;
    assert.ok(Array.isArray(completionsAt(file, at)));
  });
});
