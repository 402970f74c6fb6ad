import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile, type CoreDiagnostic, type CoreEdit } from '../../server/src/core/diagnostics';
import { parseQuantity } from '../../server/src/core/quantity';
import { resolvePlain } from '../../server/src/core/schema/goYaml';
import { nearest } from '../../server/src/core/rules/schema/nearest';
import { quantityCandidates } from '../../server/src/core/rules/schema/scan';
import { lesson } from '../helpers/fixtures';

const SCHEMA_RULES = new Set(['unknown-field', 'wrong-type', 'invalid-quantity', 'missing-required-field', 'unsupported-value']);

function schemaErrors(text: string): CoreDiagnostic[] {
  return checkFile(parseWorkloadFile(text)).filter((d) => SCHEMA_RULES.has(d.code));
}

/** A Job whose pod template spec is `pod` (indented by the caller at 6 spaces), with extra Job spec lines. */
function job(pod: string, jobSpec = ''): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: demo
spec:
${jobSpec}  template:
    spec:
      restartPolicy: Never
${pod}`;
}

const container = (extra = '') => `      containers:
      - name: app
        image: busybox:1.36
${extra}`;

function applyEdits(text: string, edits: CoreEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

interface Case {
  name: string;
  valid: string;
  invalid: string;
  code: string;
  path: string;
  message: RegExp;
  /** Text the finding underlines. */
  at?: string;
  /** The preferred fix turns `invalid` into a text with no schema errors. */
  fix?: boolean;
}

const cases: Case[] = [
  {
    name: 'misspelt container field',
    valid: job(container('        command: ["sh", "-c", "date"]\n')),
    invalid: job(container('        comand: ["sh", "-c", "date"]\n')),
    code: 'unknown-field', path: 'spec.template.spec.containers[0].comand', message: /unknown field "spec\.template\.spec\.containers\[0\]\.comand"; did you mean "command"\?/, at: 'comand', fix: true,
  },
  {
    name: 'field names are case-sensitive',
    valid: job(container('        imagePullPolicy: IfNotPresent\n')),
    invalid: job(container('        ImagePullPolicy: IfNotPresent\n')),
    code: 'unknown-field', path: 'spec.template.spec.containers[0].ImagePullPolicy', message: /did you mean "imagePullPolicy"/, fix: true,
  },
  {
    name: 'unknown top-level field (status is accepted)',
    valid: job(container()) + 'status: {}\n',
    invalid: job(container()) + 'Status: {}\n',
    code: 'unknown-field', path: 'Status', message: /unknown field "Status"; did you mean "status"/, fix: true,
  },
  {
    name: 'a pod field written at the Job level says where it belongs',
    valid: job(container()),
    invalid: job(container()).replace('spec:\n  template:', 'spec:\n  containers: []\n  template:'),
    code: 'unknown-field', path: 'spec.containers', message: /unknown field "spec\.containers"; "containers" belongs under spec\.template\.spec$/, at: 'containers',
  },
  {
    name: 'quoted number for an int32',
    valid: job(container(), '  backoffLimit: 4\n'),
    invalid: job(container(), '  backoffLimit: "4"\n'),
    code: 'wrong-type', path: 'spec.backoffLimit', message: /cannot unmarshal string into Go value of type int32/, at: '"4"', fix: true,
  },
  {
    name: 'fractional number for an integer',
    valid: job(container(), '  parallelism: 2.0\n'),
    invalid: job(container(), '  parallelism: 2.5\n'),
    code: 'wrong-type', path: 'spec.parallelism', message: /cannot unmarshal number 2\.5 into Go value of type int32/,
  },
  {
    name: 'int32 out of range',
    valid: job(container(), '  completions: 2147483647\n'),
    invalid: job(container(), '  completions: 2147483648\n'),
    code: 'wrong-type', path: 'spec.completions', message: /out of range/,
  },
  {
    name: 'unquoted number for an env value',
    valid: job(container('        env:\n        - name: PORT\n          value: "8080"\n')),
    invalid: job(container('        env:\n        - name: PORT\n          value: 8080\n')),
    code: 'wrong-type', path: 'spec.template.spec.containers[0].env[0].value', message: /cannot unmarshal number into Go value of type string/, at: '8080', fix: true,
  },
  {
    name: 'YAML 1.1 boolean (yes) as a label value',
    valid: job(container()).replace('  name: demo\n', '  name: demo\n  labels:\n    debug: "yes"\n'),
    invalid: job(container()).replace('  name: demo\n', '  name: demo\n  labels:\n    debug: yes\n'),
    code: 'wrong-type', path: 'metadata.labels[debug]', message: /cannot unmarshal bool into Go value of type string/, fix: true,
  },
  {
    name: 'number as an annotation value',
    valid: job(container()).replace('  name: demo\n', '  name: demo\n  annotations:\n    version: "1.0"\n'),
    invalid: job(container()).replace('  name: demo\n', '  name: demo\n  annotations:\n    version: 1.0\n'),
    code: 'wrong-type', path: 'metadata.annotations[version]', message: /cannot unmarshal number/, fix: true,
  },
  {
    name: 'a mapping where a list goes',
    valid: job(container('        ports:\n        - containerPort: 80\n')),
    invalid: job(container('        ports:\n          containerPort: 80\n')),
    code: 'wrong-type', path: 'spec.template.spec.containers[0].ports', message: /cannot unmarshal object into Go value of type \[\]v1\.ContainerPort: write it as a list/,
  },
  {
    name: 'a string where a list goes',
    valid: job(container('        args: ["--verbose"]\n')),
    invalid: job(container('        args: --verbose\n')),
    code: 'wrong-type', path: 'spec.template.spec.containers[0].args', message: /cannot unmarshal string into Go value of type \[\]string/,
  },
  {
    name: 'quoted boolean',
    valid: job('      hostNetwork: true\n' + container()),
    invalid: job('      hostNetwork: "true"\n' + container()),
    code: 'wrong-type', path: 'spec.template.spec.hostNetwork', message: /cannot unmarshal string into Go value of type bool/, fix: true,
  },
  {
    name: 'int-or-string rejects a fraction',
    valid: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 10%\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: i}]\n`,
    invalid: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 1.5\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: i}]\n`,
    code: 'wrong-type', path: 'spec.updateStrategy.rollingUpdate.maxUnavailable', message: /intstr\.IntOrString/,
  },
  {
    name: 'quantity with a byte unit',
    valid: job(container('        resources:\n          limits:\n            memory: 50M\n')),
    invalid: job(container('        resources:\n          limits:\n            memory: 50MB\n')),
    code: 'invalid-quantity', path: 'spec.template.spec.containers[0].resources.limits[memory]', message: /Invalid value: "50MB": quantities must match .*"50Mi"/, at: '50MB',
  },
  {
    name: 'quantity with two dots',
    valid: job(container('        resources:\n          requests:\n            cpu: 1.5\n')),
    invalid: job(container('        resources:\n          requests:\n            cpu: 1.5.0\n')),
    code: 'invalid-quantity', path: 'spec.template.spec.containers[0].resources.requests[cpu]', message: /"1\.5\.0"/,
  },
  {
    name: 'emptyDir sizeLimit is a quantity',
    valid: job(container() + '      volumes:\n      - name: v\n        emptyDir:\n          sizeLimit: 1Gi\n'),
    invalid: job(container() + '      volumes:\n      - name: v\n        emptyDir:\n          sizeLimit: 1 GB\n'),
    code: 'invalid-quantity', path: 'spec.template.spec.volumes[0].emptyDir.sizeLimit', message: /"1 GB"/,
  },
  {
    name: 'container without a name',
    valid: job('      containers:\n      - name: app\n        image: busybox\n'),
    invalid: job('      containers:\n      - image: busybox\n'),
    code: 'missing-required-field', path: 'spec.template.spec.containers[0].name', message: /Required value: "name"/, at: 'image',
  },
  {
    name: 'CronJob without a schedule',
    valid: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: i}]\n',
    invalid: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: i}]\n',
    code: 'missing-required-field', path: 'spec.schedule', message: /Required value: "schedule"/, at: 'spec',
  },
  {
    name: 'restartPolicy in the wrong letter case',
    valid: job(container()).replace('restartPolicy: Never', 'restartPolicy: OnFailure'),
    invalid: job(container()).replace('restartPolicy: Never', 'restartPolicy: onFailure'),
    code: 'unsupported-value', path: 'spec.template.spec.restartPolicy', message: /Unsupported value: "onFailure": supported values: "Always", "OnFailure", "Never"/, at: 'onFailure', fix: true,
  },
  {
    name: 'concurrencyPolicy outside the enum',
    valid: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@hourly"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: i}]\n',
    invalid: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@hourly"\n  concurrencyPolicy: "forbid"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: i}]\n',
    code: 'unsupported-value', path: 'spec.concurrencyPolicy', message: /supported values: "Allow", "Forbid", "Replace"/, at: '"forbid"', fix: true,
  },
  {
    name: 'toleration effect',
    valid: job('      tolerations:\n      - key: k\n        operator: Exists\n        effect: NoSchedule\n' + container()),
    invalid: job('      tolerations:\n      - key: k\n        operator: Exists\n        effect: NoScheduled\n' + container()),
    code: 'unsupported-value', path: 'spec.template.spec.tolerations[0].effect', message: /"NoScheduled"/,
  },
  {
    name: 'hostPath type',
    valid: job(container() + '      volumes:\n      - name: v\n        hostPath:\n          path: /var/log\n          type: DirectoryOrCreate\n'),
    invalid: job(container() + '      volumes:\n      - name: v\n        hostPath:\n          path: /var/log\n          type: directory\n'),
    code: 'unsupported-value', path: 'spec.template.spec.volumes[0].hostPath.type', message: /"directory"/, fix: true,
  },
];

// An enum set to "": the server defaults most (accepted); pointer enums and required ones it rejects (1.36 create path).
cases.push(
  {
    name: 'an empty completionMode is not defaulted (pointer enum): NotSupported',
    valid: job(container(), '  completionMode: NonIndexed\n'),
    invalid: job(container(), '  completionMode: ""\n'),
    code: 'unsupported-value', path: 'spec.completionMode', message: /^Unsupported value: "": supported values: "NonIndexed", "Indexed"$/,
  },
  {
    name: 'an empty seccompProfile.type: Required',
    valid: job(container(), '').replace('      restartPolicy: Never\n', '      restartPolicy: Never\n      securityContext: {seccompProfile: {type: RuntimeDefault}}\n'),
    invalid: job(container(), '').replace('      restartPolicy: Never\n', '      restartPolicy: Never\n      securityContext: {seccompProfile: {type: ""}}\n'),
    code: 'unsupported-value', path: 'spec.template.spec.securityContext.seccompProfile.type', message: /^Required value$/,
  },
);

describe('schema rules: what strict decoding rejects', () => {
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(schemaErrors(c.valid).map((d) => `${d.code} ${d.path}: ${d.message}`), [], 'valid case is clean');
      const found = schemaErrors(c.invalid);
      assert.equal(found.length, 1, `exactly one finding, got ${JSON.stringify(found.map((d) => d.message))}`);
      const [d] = found;
      assert.equal(d.code, c.code);
      assert.equal(d.severity, 'error');
      assert.equal(d.path, c.path);
      assert.match(d.message, c.message);
      if (c.at) assert.equal(c.invalid.slice(d.start, d.end), c.at);
      if (c.fix) {
        const fix = d.fixes?.find((f) => f.preferred);
        assert.ok(fix, 'has a preferred fix');
        const fixed = applyEdits(c.invalid, fix.edits);
        assert.deepEqual(schemaErrors(fixed).map((x) => x.message), [], `fixed text is clean:\n${fixed}`);
        assert.deepEqual(checkFile(parseWorkloadFile(fixed)).filter((x) => x.severity === 'error').map((x) => x.code), [], 'no new errors after the fix');
      }
    });
  }

  test('what the decoder accepts is not flagged', () => {
    const text = job(
      container(
        '        securityContext:\n        env:\n        - name: EMPTY\n          value:\n        - name: QUOTED\n          value: "8080"\n' +
          '        resources:\n          limits: {cpu: 1, memory: 1e3}\n          requests: {cpu: 500m, memory: 0.5Gi}\n' +
          '        livenessProbe:\n          httpGet: {path: /, port: http}\n',
      ),
      '  backoffLimit: 0x10\n  ttlSecondsAfterFinished: 1_000\n',
    ).replace('  name: demo\n', '  name: demo\n  creationTimestamp: null\n  annotations:\n  labels: {a: "1", b: "true"}\n') + 'status: {active: 1}\n';
    assert.deepEqual(schemaErrors(text).map((d) => `${d.code} ${d.path}: ${d.message}`), []);
  });

  test('enums the server defaults when empty accept ""', () => {
    const text = job(container('        imagePullPolicy: ""\n        terminationMessagePolicy: ""\n        ports: [{containerPort: 80, protocol: ""}]\n'), '')
      .replace('      restartPolicy: Never\n', '      restartPolicy: Never\n      dnsPolicy: ""\n      tolerations: [{key: a, operator: "", value: b, effect: ""}]\n');
    assert.deepEqual(schemaErrors(text).map((d) => `${d.code} ${d.path}: ${d.message}`), []);
    const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  concurrencyPolicy: ""\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: i}]\n';
    assert.deepEqual(checkFile(parseWorkloadFile(cron)).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`), []);
  });

  test('a missing spec, template or DaemonSet selector is not a schema finding (the server names the leaves)', () => {
    const ds = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\n';
    const cj = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\n';
    assert.deepEqual(schemaErrors(ds).map((d) => d.path), []);
    assert.deepEqual(schemaErrors(cj).map((d) => d.path), []);
    const leaves = checkFile(parseWorkloadFile(cj)).filter((d) => d.severity === 'error').map((d) => d.path).sort();
    assert.deepEqual(leaves, ['spec.jobTemplate.spec.template.spec.containers', 'spec.jobTemplate.spec.template.spec.restartPolicy', 'spec.schedule']);
  });

  test('fields the OpenAPI lists as required but a cluster accepts without are not flagged', () => {
    const text = job(
      '      affinity:\n        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 1\n' +
        container('        lifecycle:\n          preStop:\n            sleep: {}\n        readinessProbe:\n          httpGet:\n            port: 80\n            httpHeaders:\n            - name: X-Empty\n'),
      '  podFailurePolicy: {}\n',
    );
    assert.deepEqual(schemaErrors(text).map((d) => `${d.code} ${d.path}`), []);
  });

  test('block scalars get the finding but no token fix', () => {
    const text = job(container()).replace('restartPolicy: Never', 'restartPolicy: |\n        Never');
    const [d] = schemaErrors(text);
    assert.equal(d.code, 'unsupported-value');
    assert.match(d.message, /"Never\\n"/);
    assert.equal(d.fixes, undefined);
  });

  test('merge keys and aliases are followed and reported at the alias', () => {
    const text = `apiVersion: batch/v1
kind: Job
metadata: {name: a}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - &base
        name: one
        image: busybox
      - <<: *base
        name: two
        imagePolicy: Always
`;
    const found = schemaErrors(text);
    assert.deepEqual(found.map((d) => [d.code, d.path]), [['unknown-field', 'spec.template.spec.containers[1].imagePolicy']]);
  });

  test('a key merged from two sources is checked once; the own key wins', () => {
    const text = `apiVersion: batch/v1
kind: Job
metadata: {name: a}
x-defaults:
  one: &one {name: one, image: busybox, imagePullPolicy: always}
  two: &two {name: two, image: busybox, imagePullPolicy: always}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - <<: [*one, *two]
      - <<: *one
        imagePullPolicy: Always
`;
    assert.deepEqual(schemaErrors(text).map((d) => [d.code, d.path]), [
      ['unknown-field', 'x-defaults'],
      ['unsupported-value', 'spec.template.spec.containers[0].imagePullPolicy'],
    ]);
  });

  test('alias bombs do not hang the walk', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    const text = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bomb\n  annotations:\n    ${lines.join('\n    ')}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: i}]\n      args: *a8\n`;
    const found = schemaErrors(text);
    assert.ok(found.length >= 1 && found.length < 50, `bounded findings (${found.length})`);
  });

  test('the lesson manifests have no errors', () => {
    for (const text of [lesson.daemonset(), lesson.job(), lesson.cronjob()]) {
      assert.deepEqual(checkFile(parseWorkloadFile(text)).filter((d) => d.severity === 'error').map((d) => d.message), []);
    }
  });
});

describe('quantity grammar (resource.ParseQuantity)', () => {
  const valid = ['500m', '0.5', '1Gi', '1e3', '100M', '1', '0', '.5', '1.', '+1', '-1', '1Ki', '2E', '1E+2', '3e-3', '1n', '1u', '128974848', '129M', '123Mi'];
  const invalid = ['50MB', '1.5.0', '1K', '1e', '', 'abc', '1 Gi', '1Gib', '1GB', '10%', 'Mi1'];
  for (const v of valid) test(`accepts ${JSON.stringify(v)}`, () => assert.ok(parseQuantity(v), v));
  for (const v of invalid) test(`rejects ${JSON.stringify(v)}`, () => assert.equal(parseQuantity(v), undefined, v));
  test('values in base units', () => {
    assert.equal(parseQuantity('500m')?.value, 0.5);
    assert.equal(parseQuantity('1Gi')?.value, 2 ** 30);
    assert.equal(parseQuantity('1e3')?.value, 1000);
    assert.equal(parseQuantity('100M')?.value, 1e8);
  });
});

describe('YAML 1.1 scalars as go-yaml v2 reads them', () => {
  const table: Array<[string, string]> = [
    ['yes', 'bool'], ['No', 'bool'], ['on', 'bool'], ['y', 'bool'], ['true', 'bool'],
    ['~', 'null'], ['null', 'null'], ['', 'null'],
    ['8080', 'number'], ['0644', 'number'], ['0x1F', 'number'], ['1_000', 'number'], ['1.0', 'number'], ['1e3', 'number'], ['.5', 'number'], ['.inf', 'number'], ['09', 'number'],
    ['1.5.0', 'string'], ['2024-01-01', 'string'], ['yess', 'string'], ['v1', 'string'], ['500m', 'string'], ['0.5Gi', 'string'],
  ];
  for (const [text, kind] of table) test(`${JSON.stringify(text)} is a ${kind}`, () => assert.equal(resolvePlain(text).kind, kind));
  test('octal and hex values', () => {
    assert.deepEqual(resolvePlain('0644'), { kind: 'number', value: 420, integral: true });
    assert.deepEqual(resolvePlain('0x10'), { kind: 'number', value: 16, integral: true });
  });
});

describe('did-you-mean', () => {
  const fields = ['command', 'args', 'image', 'imagePullPolicy', 'env', 'envFrom', 'name', 'ports'];
  const table: Array<[string, string | undefined]> = [
    ['comand', 'command'], ['Command', 'command'], ['imagePullpolicy', 'imagePullPolicy'], ['imgae', 'image'], ['prots', 'ports'], ['xyz', undefined], ['environment', undefined],
  ];
  for (const [typo, expected] of table) test(`${typo} -> ${expected}`, () => assert.equal(nearest(typo, fields), expected));
});

describe('quantity suggestions', () => {
  const table: Array<[string, string[]]> = [
    ['50MB', ['50M', '50Mi']], ['1 GB', ['1G', '1Gi']], ['1K', ['1k', '1Ki']], ['1KB', ['1k', '1Ki']], ['1 Gi', ['1Gi']], ['2gi', ['2Gi']], ['2GiB', ['2Gi']],
    ['1.5.0', []], ['lots', []],
  ];
  for (const [text, expected] of table) test(`${JSON.stringify(text)} -> ${JSON.stringify(expected)}`, () => assert.deepEqual(quantityCandidates(text), expected));

  test('a single candidate is the preferred fix and re-checks clean', () => {
    const text = job(container('        resources:\n          limits:\n            memory: "2 Gi"  # two gibibytes\n'));
    const [d] = schemaErrors(text);
    assert.equal(d.code, 'invalid-quantity');
    const fix = d.fixes?.find((f) => f.preferred);
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /memory: "2Gi" {2}# two gibibytes\n/);
    assert.deepEqual(schemaErrors(fixed), []);
  });

  test('two candidates are offered, neither preferred', () => {
    const [d] = schemaErrors(job(container('        resources:\n          limits:\n            memory: 50MB\n')));
    assert.deepEqual(d.fixes?.map((f) => [f.title, f.preferred]), [['Change to 50M', false], ['Change to 50Mi', false]]);
  });
});
