import type { WorkloadFile, ParsedChunk, ParsedDoc } from './model/workloadFile';
import { runRules, type RuleSettings } from './rules/registry';
import './rules';
import { applyDisableComments } from './rules/suppress';
import { missingKindFindings } from './rules/schema/typeMeta';
import { placeDuplicateKeyLines } from './rules/schema/duplicates';
import { clampMinor } from './versions';
import { describeUnreadable } from './model/limits';

export { MAX_CHECKED_CHARS, describeUnreadable } from './model/limits';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A finding, in file offsets, independent of any editor protocol. */
export interface CoreDiagnostic {
  start: number;
  end: number;
  severity: Severity;
  /** Rule id or yaml-* for syntax problems. */
  code: string;
  message: string;
  /** Kubernetes field path of the node the finding is about (kubectl style), or null. */
  path: string | null;
  /** Link to the documentation of the rule. */
  href?: string;
  /** Quick fixes: text edits that resolve the finding. Offsets are file offsets once shifted. */
  fixes?: CoreFix[];
}

export interface CoreEdit {
  start: number;
  end: number;
  newText: string;
}

export interface CoreFix {
  title: string;
  edits: CoreEdit[];
  /** The one fix an editor may apply on its own (fix-all, auto-fix). */
  preferred?: boolean;
}

export interface CheckSettings {
  enable: boolean;
  rules: RuleSettings;
  /** Target Kubernetes minor (1.NN → NN), MIN_MINOR..MAX_MINOR; default DEFAULT_MINOR (core/versions). */
  kubernetesMinor?: number;
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = { enable: true, rules: {} };

/** A finding relative to its document (what is cached), shifted to file offsets on the way out. */
export type DocDiagnostic = CoreDiagnostic;

export function checkFile(file: WorkloadFile, settings: CheckSettings = DEFAULT_CHECK_SETTINGS): CoreDiagnostic[] {
  const key = settingsKeyOf(settings);
  return placeDiagnostics(file, file.templated, () => file.docs.map((placed) => ({ start: placed.start, diagnostics: checkDoc(placed.doc, settings, key) })));
}

/** The findings of each document of one `---` chunk (chunk-relative): plain data a worker thread can send. */
export interface ChunkDiagnostics {
  templated: boolean;
  docs: DocDiagnostic[][];
}

/** What checkFile computes for the documents of one chunk; a templated chunk silences the whole file. */
export function checkChunk(chunk: ParsedChunk, settings: CheckSettings, settingsKey = settingsKeyOf(settings)): ChunkDiagnostics {
  const templated = chunk.docs.some((doc) => doc.templated);
  return { templated, docs: templated ? [] : chunk.docs.map((doc) => checkDoc(doc, settings, settingsKey)) };
}

/** checkChunk's answer when every document of the chunk was already checked with these settings; else undefined (nothing is computed). */
export function checkedChunk(chunk: ParsedChunk, settingsKey: string): ChunkDiagnostics | undefined {
  const templated = chunk.docs.some((doc) => doc.templated);
  if (templated) return { templated, docs: [] };
  const docs: DocDiagnostic[][] = [];
  for (const doc of chunk.docs) {
    const cached = checkedDoc(doc, settingsKey);
    if (!cached) return undefined;
    docs.push(cached);
  }
  return { templated, docs };
}

export function settingsKeyOf(settings: CheckSettings): string {
  return settings.enable ? `${clampMinor(settings.kubernetesMinor)}:${JSON.stringify(settings.rules)}` : 'off';
}

/**
 * The file's findings from its documents' own findings (`start` places each document in the file):
 * unreadable and templated files first, then disable comments. checkFile and the language server's
 * document-by-document path (some documents checked in a worker thread) both end here.
 */
export function placeDiagnostics(file: Pick<WorkloadFile, 'text' | 'lines'>, templated: boolean, documents: () => Iterable<{ start: number; diagnostics: DocDiagnostic[] }>): CoreDiagnostic[] {
  const junk = describeUnreadable(file.text);
  if (junk) return [{ start: 0, end: Math.min(file.text.length, firstLineEnd(file.text)), severity: 'error', code: junk.code, message: junk.message, path: null }];
  if (templated) return [];
  const out: CoreDiagnostic[] = [];
  for (const { start, diagnostics } of documents()) {
    for (const d of diagnostics) out.push(shift(d, start));
  }
  placeDuplicateKeyLines(file.lines, out);
  return applyDisableComments(file, out);
}

/** An editor shows at most this many findings per file, then one "… and N more" (as other language servers do). */
export const MAX_SHOWN_FINDINGS = 1000;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * The findings an editor should show: all of them up to `max`; beyond, those in `inView` (file
 * offset ranges the editor shows) first, then the most severe (in file order within a severity), and
 * one finding that says how many more there are.
 */
export function capFindings(list: CoreDiagnostic[], max = MAX_SHOWN_FINDINGS, inView: Array<[number, number]> = []): CoreDiagnostic[] {
  if (list.length <= max) return list;
  const hidden = (d: CoreDiagnostic) => (inView.some(([from, to]) => d.start <= to && d.end >= from) ? 0 : 1);
  const ranked = [...list].sort((a, b) => hidden(a) - hidden(b) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.start - b.start || a.end - b.end);
  const shown = ranked.slice(0, max);
  const rest = ranked.slice(max);
  const first = rest.reduce((a, b) => (b.start < a.start ? b : a));
  shown.push({
    start: first.start,
    end: first.end,
    severity: rest[0].severity,
    code: 'too-many-problems',
    message: `… and ${rest.length} more problem${rest.length === 1 ? '' : 's'} in this file (the first of them here); only ${max} are shown. \`workload-lens check\` lists them all.`,
    path: null,
  });
  return shown;
}

/** Prefix of checkDoc's results in a document's memo (one entry: the latest settings). */
const MEMO = 'diagnostics:';

/** checkDoc's result for these settings if the document was checked with them; nothing is computed. */
function checkedDoc(doc: ParsedDoc, settingsKey: string): DocDiagnostic[] | undefined {
  return doc.memo.get(MEMO + settingsKey) as DocDiagnostic[] | undefined;
}

/** Diagnostics of one document alone, in document-relative offsets; cached on the document. */
export function checkDoc(doc: ParsedDoc, settings: CheckSettings, settingsKey = JSON.stringify(settings)): DocDiagnostic[] {
  const cached = checkedDoc(doc, settingsKey);
  if (cached) return cached;
  const result: DocDiagnostic[] = doc.syntax.map((p) => ({ start: p.start, end: p.end, severity: p.severity, code: p.code, message: p.message, path: null }));
  if (settings.enable && doc.workload && !doc.syntax.some((p) => p.severity === 'error')) {
    result.push(...runRules(doc, settings.rules, clampMinor(settings.kubernetesMinor)));
  } else if (settings.enable && !doc.workload) {
    result.push(...missingKindFindings(doc, settings.rules));
  }
  for (const key of doc.memo.keys()) if (key.startsWith(MEMO)) doc.memo.delete(key);
  doc.memo.set(MEMO + settingsKey, result);
  return result;
}

function shift(d: DocDiagnostic, by: number): CoreDiagnostic {
  if (by === 0) return d;
  const fixes = d.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) }));
  return { ...d, start: d.start + by, end: d.end + by, ...(fixes ? { fixes } : {}) };
}

function firstLineEnd(text: string): number {
  const i = text.indexOf('\n');
  return i < 0 ? text.length : i;
}
