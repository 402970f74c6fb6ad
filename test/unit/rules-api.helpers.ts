import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile, type CoreDiagnostic } from '../../server/src/core/diagnostics';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = any;

export function daemonSet(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'ns' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] },
      },
    },
  };
}

export function job(): Obj {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'work' },
    spec: {
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] },
      },
    },
  };
}

export function cronJob(): Obj {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'busybox:1.36' }] },
          },
        },
      },
    },
  };
}

/** The pod spec of any of the three kinds. */
export function pod(o: Obj): Obj {
  return o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec;
}

export function yaml(o: Obj): string {
  return stringify(o);
}

export function check(text: string): CoreDiagnostic[] {
  return checkFile(parseWorkloadFile(text));
}

export function errors(text: string): CoreDiagnostic[] {
  return check(text).filter((d) => d.severity === 'error');
}

export function full(d: CoreDiagnostic): string {
  return d.path ? `${d.path}: ${d.message}` : d.message;
}

/** Applies every edit of a fix (edits do not overlap; applied back to front). */
export function applyFix(text: string, fix: { edits: Array<{ start: number; end: number; newText: string }> }): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * One API check as a pair: a manifest the API server accepts and one it rejects (named after the
 * Kubernetes validation code in `k8s`); `want` is the error as kubectl prints it, or a RegExp.
 */
export interface ApiCase {
  rule: string;
  k8s: string;
  base: () => Obj;
  valid: (o: Obj) => void;
  invalid: (o: Obj) => void;
  want: string | RegExp;
}

/** Registers one test per case: the valid manifest has no error, the invalid one has `want` on some text. */
export function validAndInvalidCases(title: string, cases: readonly ApiCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      test(`${c.rule}: ${c.k8s}`, () => {
        const good = c.base();
        c.valid(good);
        const goodText = yaml(good);
        assert.deepEqual(errors(goodText).map(full), [], `valid case must have no error:\n${goodText}`);

        const bad = c.base();
        c.invalid(bad);
        const badText = yaml(bad);
        const found = errors(badText).filter((d) => d.code === c.rule);
        const hit = found.find((d) => (typeof c.want === 'string' ? full(d) === c.want : c.want.test(full(d))));
        assert.ok(hit, `expected ${String(c.want)}\ngot:\n${errors(badText).map((d) => `${d.code} ${full(d)}`).join('\n')}\n${badText}`);
        assert.ok(hit.end > hit.start, 'the error underlines some text');
      });
    }
  });
}
