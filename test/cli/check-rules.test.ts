import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers/cli';

const BROKEN = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  backoffLimit: "4"\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        comand: [date]\n';

function check(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', '-', '--format', 'json', ...args], { input: BROKEN, encoding: 'utf8' });
  return { code: r.status, findings: r.status === 2 ? [] : (JSON.parse(r.stdout) as Array<{ code: string; severity: string }>), stderr: r.stderr };
}

describe('workload-lens check --rule', () => {
  const table: Array<[string, string[], number, string[]]> = [
    ['defaults', [], 1, ['unknown-field:error', 'wrong-type:error']],
    ['one rule off', ['--rule', 'unknown-field=off'], 1, ['wrong-type:error']],
    ['both levelled down: exit 0', ['--rule', 'unknown-field=off,wrong-type=warning'], 0, ['wrong-type:warning']],
  ];
  for (const [name, args, code, expected] of table) {
    test(name, () => {
      const r = check(args);
      assert.equal(r.code, code, r.stderr);
      assert.deepEqual(r.findings.filter((f) => expected.some((e) => e.startsWith(`${f.code}:`)) || f.severity === 'error').map((f) => `${f.code}:${f.severity}`).sort(), expected);
    });
  }
  test('an unknown rule or level is a usage error (exit 2)', () => {
    assert.equal(check(['--rule', 'no-such-rule=off']).code, 2);
    assert.equal(check(['--rule', 'wrong-type=loud']).code, 2);
  });
});
