import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/cli';

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('CLI on hostile input', () => {
  test('explain of an Object.prototype name is an unknown kind (exit 2), not a stack trace', () => {
    for (const kind of ['constructor', '__proto__.spec', 'toString']) {
      const r = run(['explain', kind]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /unknown kind/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  test('a device or other non-regular file is refused (exit 2)', () => {
    const r = run(['check', '/dev/zero']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a regular file/);
  });

  test('a file over the size limit is reported without being read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-big-'));
    const path = join(dir, 'big.yaml');
    writeFileSync(path, Buffer.alloc(16 * 1024 * 1024, 0x23));
    const r = run(['check', '--format', 'json', path]);
    assert.equal(r.status, 1);
    const findings = JSON.parse(r.stdout) as Array<{ code: string; line: number }>;
    assert.deepEqual(findings.map((f) => [f.code, f.line]), [['file-too-large', 1]]);
  });

  test('`check … | head`: a reader that goes away ends output quietly, with the exit code of the check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-pipe-'));
    const path = join(dir, 'commas.yaml');
    writeFileSync(path, `a: {\n ${','.repeat(50_000)}\n`);
    const child = spawn(process.execPath, [CLI, 'check', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    assert.equal(code, 1, stderr);
    assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
  });
});
