// Hover, completion and outline on the ~30,000-line stream, calling the pure core as the server does
// (the file is parsed once, as the server's workspace caches it; an edit re-parses one document).
import { WorkloadParser, type WorkloadFile } from '../../server/src/core/model/workloadFile';
import { hoverAt } from '../../server/src/core/explain/hover';
import { completionsAt } from '../../server/src/core/explain/completion';
import { documentSymbols, foldingRanges } from '../../server/src/core/explain/outline';
import { workloadStream } from './corpus';

interface Row {
  case: string;
  ms: number;
  note?: string;
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}

function timeEach<T>(inputs: T[], fn: (input: T) => unknown): { p95: number; median: number } {
  for (const input of inputs.slice(0, 20)) fn(input); // warm-up
  const samples = inputs.map((input) => {
    const t = process.hrtime.bigint();
    fn(input);
    return Number(process.hrtime.bigint() - t) / 1e6;
  });
  const sorted = [...samples].sort((a, b) => a - b);
  return { p95: p95(samples), median: sorted[Math.floor(sorted.length / 2)] };
}

/** Offsets of every occurrence of `needle` (plus `shift`), spread over the file, at most `max`. */
function offsetsOf(text: string, needle: string, shift: number, max = 300): number[] {
  const all: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) all.push(i + shift);
  const step = Math.max(1, Math.floor(all.length / max));
  return all.filter((_, i) => i % step === 0).slice(0, max);
}

export async function benchHover(): Promise<Row[]> {
  const base = workloadStream(1072);
  // Blank lines in every pod spec give completion an empty line to work on, as when a user presses Enter.
  const text = base.replace(/\n {6}containers:\n/g, '\n      \n      containers:\n').replace(/\n {10}containers:\n/g, '\n          \n          containers:\n');
  const lineCount = text.split('\n').length;
  const parser = new WorkloadParser();
  const file: WorkloadFile = parser.parse(text);
  const rows: Row[] = [];
  const note = (r: { median: number }, n: number, extra = '') => `median ${r.median.toFixed(3)} ms over ${n} positions; ${lineCount} lines, ${file.docs.length} documents${extra}`;

  const keys = offsetsOf(text, 'tolerations:', 3);
  const hoverKeys = timeEach(keys, (o) => hoverAt(file, o));
  rows.push({ case: 'hover p95 on a key (tolerations), 30k-line file', ms: hoverKeys.p95, note: note(hoverKeys, keys.length) });

  const values = offsetsOf(text, 'memory: ', 9);
  const hoverValues = timeEach(values, (o) => hoverAt(file, o));
  rows.push({ case: 'hover p95 on a quantity value (memory), 30k-line file', ms: hoverValues.p95, note: note(hoverValues, values.length) });

  const restart = offsetsOf(text, 'restartPolicy: ', 16);
  const hoverEnum = timeEach(restart, (o) => hoverAt(file, o));
  rows.push({ case: 'hover p95 on an enum value (restartPolicy), 30k-line file', ms: hoverEnum.p95, note: note(hoverEnum, restart.length) });

  const empty = [...offsetsOf(text, '\n      \n', 7, 150), ...offsetsOf(text, '\n          \n', 11, 150)];
  const answered = empty.filter((o) => completionsAt(file, o).length > 10).length;
  if (answered !== empty.length) throw new Error(`completion answered only ${answered} of ${empty.length} empty lines`);
  const completeKeys = timeEach(empty, (o) => completionsAt(file, o));
  rows.push({ case: 'completion p95 on an empty line in a pod spec (keys + blocks), 30k-line file', ms: completeKeys.p95, note: note(completeKeys, empty.length) });

  // A half-typed key: the one document is parsed again without that line (each position is another document).
  const typed = base.replace(/\n {6}containers:\n/g, '\n      res\n      containers:\n');
  const typedFile = new WorkloadParser().parse(typed);
  const partial = offsetsOf(typed, '\n      res\n', 10);
  const completePartial = timeEach(partial, (o) => completionsAt(typedFile, o));
  rows.push({ case: 'completion p95 on a half-typed key (`res|`), 30k-line file', ms: completePartial.p95, note: note(completePartial, partial.length, '; re-parses the one document without the typed line') });

  const enumValues = offsetsOf(text, 'concurrencyPolicy: ', 19);
  const completeValues = timeEach(enumValues, (o) => completionsAt(file, o));
  rows.push({ case: 'completion p95 on an enum value (concurrencyPolicy), 30k-line file', ms: completeValues.p95, note: note(completeValues, enumValues.length) });

  // After a keystroke: the server re-parses the one edited document, then answers.
  const editAt = offsetsOf(text, 'backoffLimit: 4', 14, 100);
  let digit = 0;
  const afterEdit = timeEach(editAt, (o) => {
    digit = (digit + 1) % 10;
    const edited = text.slice(0, o) + String(digit) + text.slice(o + 1);
    const f = parser.parse(edited);
    return hoverAt(f, o);
  });
  rows.push({ case: 'one-character edit, re-parse + hover p95, 30k-line file', ms: afterEdit.p95, note: note(afterEdit, editAt.length, '; includes the incremental re-parse') });

  const cold = new WorkloadParser().parse(text);
  let t = process.hrtime.bigint();
  documentSymbols(cold);
  const outlineCold = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  foldingRanges(cold);
  const foldsCold = Number(process.hrtime.bigint() - t) / 1e6;
  rows.push({ case: 'document symbols + folding ranges, first request on a fresh 30k-line file', ms: outlineCold + foldsCold, note: `outline ${outlineCold.toFixed(1)} ms, folding ${foldsCold.toFixed(1)} ms; later requests reuse each unchanged document's result` });
  const outline = timeEach([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], () => documentSymbols(file));
  rows.push({ case: 'document symbols (outline), whole 30k-line file, documents cached', ms: outline.median, note: `p95 ${outline.p95.toFixed(2)} ms` });
  const folds = timeEach([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], () => foldingRanges(file));
  rows.push({ case: 'folding ranges, whole 30k-line file, documents cached', ms: folds.median, note: `p95 ${folds.p95.toFixed(2)} ms` });
  return rows;
}

if (require.main === module) {
  void benchHover().then((rows) => {
    for (const r of rows) console.log(`${r.ms.toFixed(3).padStart(9)} ms  ${r.case}${r.note ? `  (${r.note})` : ''}`);
  });
}
