// npm run bench: times the core against the floor (what the yaml package itself costs).
// Not a test: numbers are printed, never asserted.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { parseAllDocuments, Parser } from 'yaml';
import { WorkloadParser } from '../server/src/core/model/workloadFile';
import { checkFile } from '../server/src/core/diagnostics';
import { workloadStream } from './bench/corpus';
import { medianMs as time } from './bench/timing';
import { coldOpenRows } from './bench/coldOpen';

export interface BenchRow {
  case: string;
  ms: number;
  note?: string;
}

function lines(text: string): number {
  return text.split('\n').length;
}

function coreRows(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const count of [1, 100, 1000, 1333]) {
    const text = workloadStream(count);
    const runs = count >= 1000 ? 3 : 7;
    const floor = time(() => parseAllDocuments(text), runs);
    const cst = time(() => {
      for (const _ of new Parser().parse(text)) void _;
    }, runs);
    const full = time(() => checkFile(new WorkloadParser().parse(text)), runs);
    rows.push({ case: `parse + diagnose, ${count} docs (${lines(text)} lines)`, ms: full, note: `yaml parseAllDocuments ${floor.toFixed(1)} ms, CST ${cst.toFixed(1)} ms; ratio to floor ${(full / floor).toFixed(2)}` });

    if (count >= 100) {
      const parser = new WorkloadParser();
      checkFile(parser.parse(text));
      const at = text.indexOf('completions: ', Math.floor(text.length / 2)) + 'completions: '.length;
      let digit = 0;
      const edit = time(() => {
        digit = (digit + 1) % 10;
        const edited = text.slice(0, at) + String(digit) + text.slice(at + 1);
        checkFile(parser.parse(edited));
      }, 9);
      rows.push({ case: `one-character edit, re-parse + re-diagnose, ${count} docs`, ms: edit, note: `only the edited document is parsed again` });
    }
  }
  return rows;
}

async function featureRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = join(__dirname, 'bench');
  // cluster.ts is its own script (npm run bench:cluster): it needs a cluster and exits without one.
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !['corpus.ts', 'timing.ts', 'coldOpen.ts', 'cluster.ts'].includes(f)).sort()) {
    const mod = (await import(join(dir, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (name.startsWith('bench') && typeof fn === 'function') rows.push(...(await (fn as () => Promise<BenchRow[]>)()));
    }
  }
  return rows;
}

function print(rows: BenchRow[]): void {
  const width = Math.max(...rows.map((r) => r.case.length));
  console.log(`${'case'.padEnd(width)}  ${'ms'.padStart(9)}  note`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(9)}  ----`);
  for (const r of rows) console.log(`${r.case.padEnd(width)}  ${r.ms.toFixed(2).padStart(9)}  ${r.note ?? ''}`);
}

async function main(): Promise<void> {
  // `npm run bench -- --cold`: only the cold open of the 40,000-line file.
  const rows = process.argv.includes('--cold') ? await coldOpenRows() : [...coreRows(), ...(await coldOpenRows()), ...(await featureRows())];
  print(rows);
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
