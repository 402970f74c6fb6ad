// Properties every core feature must hold on any text at any offset: answer without throwing, and
// quick fixes that re-parse clean, keep comments and line breaks, and edit inside the text.
import { parseWorkloadFile, type WorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile, type CoreDiagnostic, type CoreFix } from '../../server/src/core/diagnostics';
import { disableFix, isLint } from '../../server/src/core/rules/suppress';
import { hoverAt } from '../../server/src/core/explain/hover';
import { completionsAt } from '../../server/src/core/explain/completion';
import { documentSymbols, foldingRanges } from '../../server/src/core/explain/outline';
import { docAtOffset, docToObject, podTemplateOf } from '../../server/src/core/placement/workload';
import { placePod } from '../../server/src/core/placement/engine';
import { defaultCluster } from '../../server/src/core/placement/nodes';
import { simulateJob } from '../../server/src/core/simulate/job';
import { simulateCronJob } from '../../server/src/core/simulate/cronjob';
import { cronJobTiming } from '../../server/src/core/cron/document';
import { buildPreview } from '../../server/src/core/cron/preview';

export interface CoreFailure {
  what: string;
  detail: string;
}

const FROM = new Date('2026-03-08T01:30:00Z');

/** Runs every core feature at the given offsets; returns what went wrong (nothing, when all is well). */
export function checkCoreAt(text: string, offsets: readonly number[]): CoreFailure[] {
  const failures: CoreFailure[] = [];
  const run = (what: string, fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      failures.push({ what, detail: String((error as Error)?.stack ?? error).split('\n').slice(0, 4).join('\n') });
    }
  };
  let file: WorkloadFile | undefined;
  run('parse', () => (file = parseWorkloadFile(text)));
  if (!file) return failures;
  const f = file;
  let findings: CoreDiagnostic[] = [];
  run('checkFile', () => (findings = checkFile(f)));
  run('documentSymbols', () => documentSymbols(f));
  run('foldingRanges', () => foldingRanges(f));
  for (const offset of offsets) {
    run(`hover@${offset}`, () => hoverAt(f, offset));
    run(`completion@${offset}`, () => completionsAt(f, offset));
    run(`placement/simulate@${offset}`, () => {
      const doc = docAtOffset(f, offset);
      if (!doc) return;
      const { value } = docToObject(doc);
      const template = podTemplateOf(value);
      if (template) placePod(template, defaultCluster());
      const obj = value as { kind?: unknown; spec?: unknown } | undefined;
      if (obj && typeof obj === 'object' && obj.spec && typeof obj.spec === 'object') {
        if (obj.kind === 'Job') simulateJob('j', obj.spec as Record<string, unknown>);
        if (obj.kind === 'CronJob') simulateCronJob('cj', obj.spec as Record<string, unknown>, { from: FROM, hours: 48 });
      }
      if (doc.workload === 'CronJob') {
        const timing = cronJobTiming(doc);
        if (timing.schedule !== undefined) buildPreview({ schedule: timing.schedule, timeZone: timing.timeZone, from: FROM, count: 20, localZone: 'Europe/Berlin', policy: timing.policy });
      }
    });
  }
  run('fixes', () => {
    for (const d of findings) for (const fix of fixesOf(f, d)) failures.push(...checkFix(text, d, fix));
  });
  return failures;
}

function fixesOf(file: WorkloadFile, d: CoreDiagnostic): CoreFix[] {
  const disable = isLint(d.code) ? disableFix(file, d) : undefined;
  return [...(d.fixes ?? []), ...(disable ? [disable] : [])];
}

/** Applies edits (non-overlapping, in bounds) to a text; undefined when they are not. */
export function applyEdits(text: string, edits: ReadonlyArray<{ start: number; end: number; newText: string }>): string | undefined {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let prevStart = Infinity;
  let out = text;
  for (const e of sorted) {
    if (!(e.start >= 0 && e.start <= e.end && e.end <= text.length && e.end <= prevStart)) return undefined;
    prevStart = e.start;
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

const syntaxErrors = (file: WorkloadFile) => file.docs.reduce((n, p) => n + p.doc.syntax.filter((s) => s.severity === 'error').length, 0);
const COMMENT = /(?:^|[ \t])(#[^\r\n]*)/gm;

/**
 * A fix corrupts the document when the result has more syntax errors, loses a comment, mixes line
 * breaks into a CRLF file, edits out of bounds, or (for a disable comment) changes the data.
 */
export function checkFix(text: string, d: CoreDiagnostic, fix: CoreFix): CoreFailure[] {
  const what = `fix ${d.code} "${fix.title}"`;
  const out = applyEdits(text, fix.edits);
  if (out === undefined) return [{ what, detail: `edits overlap or leave the text: ${JSON.stringify(fix.edits)}` }];
  const before = parseWorkloadFile(text);
  const after = parseWorkloadFile(out);
  const failures: CoreFailure[] = [];
  const duplicates = (file: WorkloadFile) => file.docs.reduce((n, p) => n + ((p.doc as { duplicateKeys?: unknown[] }).duplicateKeys?.length ?? 0), 0);
  if (duplicates(after) > duplicates(before)) failures.push({ what, detail: 'a key now appears twice in its mapping' });
  if (syntaxErrors(after) > syntaxErrors(before)) failures.push({ what, detail: `new syntax errors: ${after.docs.flatMap((p) => p.doc.syntax.map((s) => s.message)).slice(0, 3).join('; ')}` });
  const removed = fix.edits.map((e) => text.slice(e.start, e.end)).join('\n');
  const comments = (s: string) => [...s.matchAll(COMMENT)].map((m) => m[1].trim());
  const kept = new Set(comments(out));
  const lost = comments(text).filter((c) => !kept.has(c) && !comments(removed).includes(c) && !c.includes('"') && !c.includes("'"));
  if (lost.length) failures.push({ what, detail: `comments lost: ${lost.slice(0, 3).join(' | ')}` });
  const inserted = fix.edits.map((e) => e.newText).join('');
  if (text.includes('\r\n') && /(^|[^\r])\n/.test(inserted)) failures.push({ what, detail: 'LF inserted into a CRLF file' });
  if (fix.title.startsWith('Disable ')) {
    const data = (file: WorkloadFile) => {
      try {
        return JSON.stringify(file.docs.map((p) => p.doc.yaml.toJS({ maxAliasCount: 100 })));
      } catch {
        return undefined;
      }
    };
    const a = data(before);
    if (a !== undefined && a !== data(after)) failures.push({ what, detail: 'a disable comment changed the data' });
  }
  return failures;
}
