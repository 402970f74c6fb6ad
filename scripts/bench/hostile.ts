// Hostile files: each is opened in a fresh server over stdio (time to first diagnostics, peak RSS,
// whether the server still answers afterwards) and checked with `check --format json` (exit code,
// time). Numbers are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { LspTestClient } from '../../test/helpers/lspClient';
import { workloadStream } from './corpus';
import type { BenchRow } from '../bench';

const CLI = resolve(__dirname, '../../dist/cli.js');

const JOB = (body: string) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n${body}`;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Hostile {
  name: string;
  /** The file's bytes (invalid UTF-8 and binary junk are bytes, not text). */
  bytes: () => Buffer;
  /** A request to time after the first diagnostics (e.g. completion after a long token). */
  after?: (text: string) => { method: string; params: unknown; label: string };
  settings?: unknown;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

export const HOSTILE: Hostile[] = [
  {
    name: 'alias bomb (9 levels × 9 aliases of maps)',
    bytes: () => {
      let s = '    l0: &l0 {a: b, c: d}\n';
      for (let i = 1; i <= 9; i++) s += `    l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
      return utf8(JOB(`        env: [{name: A, value: b}]\n`).replace('metadata:\n  name: j\n', `metadata:\n  name: j\n  annotations:\n${s}`) + '      nodeSelector: *l9\n');
    },
  },
  { name: '50,000 aliases of one anchor', bytes: () => utf8(JOB('        env:\n        - &e {name: A, value: b}\n' + '        - *e\n'.repeat(50_000))) },
  { name: '1 MB of Jobs (workload stream)', bytes: () => utf8(sized(1024 * 1024)) },
  { name: '4.9 MB of Jobs (just under the 5 MiB limit)', bytes: () => utf8(sized(4.9 * 1024 * 1024)) },
  { name: '10 MB file (over the limit)', bytes: () => utf8(sized(10 * 1024 * 1024)) },
  { name: 'deep nesting: 10,000 [ brackets', bytes: () => utf8(JOB(`        args: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)) },
  {
    name: 'deep nesting: 2,000 indented mappings',
    bytes: () => {
      let s = '';
      for (let i = 0; i < 2000; i++) s += `${' '.repeat(i)}k${i}:\n`;
      return utf8(`apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  annotations:\n${s.replace(/^/gm, '    ')}`);
    },
  },
  {
    name: 'binary junk (1 MB of random bytes)',
    bytes: () => {
      const r = seeded(1);
      return Buffer.from(Array.from({ length: 1024 * 1024 }, () => Math.floor(r() * 256)));
    },
  },
  {
    name: 'invalid UTF-8 inside a Job (10,000 bad bytes)',
    bytes: () => {
      const r = seeded(2);
      const parts: Buffer[] = [utf8(JOB('        env:\n'))];
      for (let i = 0; i < 10_000; i++) parts.push(utf8('        - {name: A, value: "'), Buffer.from([0xc3, 0x28, 0xff, Math.floor(r() * 256) | 0x80]), utf8('"}\n'));
      return Buffer.concat(parts);
    },
  },
  { name: '100,000 commas in an open flow map', bytes: () => utf8(`a: {\n ${','.repeat(100_000)}\n`) },
  {
    name: '100,000-character token, then completion after it',
    bytes: () => utf8(JOB(`        args: [x${'x'.repeat(100_000)} ]\n`)),
    after: (text) => {
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('args: [x'));
      return { method: 'textDocument/completion', params: { textDocument: { uri: URI }, position: { line, character: lines[line].length - 1 }, context: { triggerKind: 2, triggerCharacter: ' ' } }, label: 'completion' };
    },
  },
  { name: '10,000 tiny documents', bytes: () => utf8(Array.from({ length: 10_000 }, (_, i) => `a${i}: ${i}\n`).join('---\n')) },
  { name: '100,000 findings (unknown fields)', bytes: () => utf8(`apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n${Array.from({ length: 100_000 }, (_, i) => `  x${i}: 1\n`).join('')}  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n`) },
  {
    name: 'endless nodes file (/dev/zero), then placement',
    bytes: () => utf8(readFileSync(resolve(__dirname, '../../examples/lesson/log-collector-daemonset.yaml'), 'utf8')),
    settings: { placement: { nodesFile: '/dev/zero' } },
    after: () => ({ method: 'workloadLens/placement', params: { uri: URI, position: { line: 3, character: 2 } }, label: 'placement' }),
  },
];

const URI = 'file:///hostile/input.yaml';

function sized(bytes: number): string {
  const one = workloadStream(1);
  return workloadStream(Math.max(1, Math.floor(bytes / (one.length + 5))));
}

async function measure(h: Hostile, dir: string): Promise<BenchRow> {
  const bytes = h.bytes();
  const path = join(dir, 'input.yaml');
  writeFileSync(path, bytes);
  const text = bytes.toString('utf8');
  let floor = NaN;
  if (bytes.length <= 16 * 1024 * 1024) {
    const t = process.hrtime.bigint();
    try {
      // As the project parses (yaml's uniqueKeys is quadratic in the keys of a mapping; the duplicates
      // are found separately), so the floor is the parse itself.
      parseAllDocuments(text, { uniqueKeys: false });
    } catch {
      // the floor of an unreadable input is the time to fail
    }
    floor = Number(process.hrtime.bigint() - t) / 1e6;
  }

  const t3 = process.hrtime.bigint();
  const check = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', path], { maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' });
  const checkMs = Number(process.hrtime.bigint() - t3) / 1e6;
  let json = 'no JSON';
  // What the editor gets once every document is checked: all findings, or 1,000 and "… and N more".
  let shown = -1;
  try {
    const total = (JSON.parse(check.stdout) as unknown[]).length;
    json = `${total} findings`;
    shown = total > 1000 ? 1001 : total;
  } catch {
    // stays 'no JSON'
  }

  const client = new LspTestClient();
  if (h.settings) client.settings = h.settings;
  let firstMs = NaN;
  let allMs = NaN;
  let count = 0;
  let alive = false;
  let afterNote = '';
  try {
    await client.initialize({}, h.settings ? { settings: h.settings } : undefined);
    const t = process.hrtime.bigint();
    const pending = client.nextDiagnostics(URI, 1, 120_000);
    const all = client.nextDiagnostics(URI, 1, 120_000, (d) => shown < 0 || d.length === shown).then((d) => {
      allMs = Number(process.hrtime.bigint() - t) / 1e6;
      return d;
    });
    client.open(URI, text, 1);
    count = (await pending).length;
    firstMs = Number(process.hrtime.bigint() - t) / 1e6;
    count = (await all).length;
    if (h.after) {
      const { method, params, label } = h.after(text);
      const t2 = process.hrtime.bigint();
      await client.request(method, params);
      afterNote = `; ${label} ${(Number(process.hrtime.bigint() - t2) / 1e6).toFixed(0)} ms`;
    }
    await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 0 } });
    alive = true;
  } catch (error) {
    afterNote += `; failed: ${String((error as Error)?.message ?? error).slice(0, 80)}`;
  }
  let rss = NaN;
  try {
    rss = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${client.process.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    // gone
  }
  if (alive) await client.shutdown().catch(() => client.kill());
  else client.kill();

  const mb = (bytes.length / 1024 / 1024).toFixed(2);
  return {
    case: `hostile: ${h.name} (${mb} MB)`,
    ms: firstMs,
    note: `all diagnostics (${count}) after ${allMs.toFixed(0)} ms; yaml parse ${floor.toFixed(0)} ms; peak RSS ${rss.toFixed(0)} MiB; server ${alive ? 'alive' : 'DEAD'}${afterNote}; check --format json: exit ${check.status} in ${checkMs.toFixed(0)} ms, ${json}`,
  };
}

export async function benchHostileFiles(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wl-hostile-'));
  const rows: BenchRow[] = [];
  try {
    for (const h of HOSTILE) {
      if (process.env.HOSTILE && !h.name.includes(process.env.HOSTILE)) continue;
      process.stderr.write(`hostile: ${h.name}…\n`);
      rows.push(await measure(h, dir));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (require.main === module) {
  void benchHostileFiles().then((rows) => {
    for (const r of rows) console.log(`${r.case}\n    ${r.ms.toFixed(0)} ms  ${r.note}`);
  });
}
