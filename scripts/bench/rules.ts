// API-server validation rules and lints alone over 1,000 generated documents (the rest of
// diagnostics is timed by scripts/bench.ts). Printed, never asserted.
import { WorkloadParser } from '../../server/src/core/model/workloadFile';
import { allRules } from '../../server/src/core/rules/registry';
import { DEFAULT_MINOR } from '../../server/src/core/versions';
import '../../server/src/core/diagnostics';
import { workloadStream } from './corpus';

interface Row {
  case: string;
  ms: number;
  note?: string;
}

function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export async function benchApiRules(): Promise<Row[]> {
  const file = new WorkloadParser().parse(workloadStream(1000));
  const mine = allRules().filter((r) => r.id.startsWith('api-') || r.id.startsWith('lint-'));
  const times: number[] = [];
  let findings = 0;
  for (let round = 0; round < 5; round++) {
    for (const p of file.docs) p.doc.memo.clear();
    findings = 0;
    times.push(cpuMs(() => {
      for (const p of file.docs) {
        const kind = p.doc.workload;
        if (!kind) continue;
        for (const r of mine) if (r.kinds.includes(kind)) r.check({ doc: p.doc, kind, minor: DEFAULT_MINOR, report: () => { findings++; } });
      }
    }));
  }
  times.sort((a, b) => a - b);
  return [{ case: `api + lint rules alone, ${file.docs.length} docs`, ms: times[2], note: `median of 5 (memo cleared, parse excluded); ${mine.length} rules, ${findings} findings` }];
}
