import type { WorkloadFile, ParsedDoc, PlacedDoc } from './model/workloadFile';
import { runRules, type RuleSettings } from './rules/registry';
import './rules';
import { applyDisableComments } from './rules/suppress';
import { missingKindFindings } from './rules/schema/typeMeta';
import { placeDuplicateKeyLines } from './rules/schema/duplicates';
import { clampMinor } from './versions';

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

/** Largest text we check; beyond it the user gets one clear diagnostic instead of a long stall. */
export const MAX_CHECKED_CHARS = 5 * 1024 * 1024;

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
  const junk = describeUnreadable(file.text);
  if (junk) return [{ start: 0, end: Math.min(file.text.length, firstLineEnd(file.text)), severity: 'error', code: junk.code, message: junk.message, path: null }];
  if (file.templated) return [];
  const out: CoreDiagnostic[] = [];
  const settingsKey = settings.enable ? `${clampMinor(settings.kubernetesMinor)}:${JSON.stringify(settings.rules)}` : 'off';
  for (const placed of file.docs) {
    for (const d of checkDoc(placed.doc, settings, settingsKey)) out.push(shift(d, placed));
  }
  if (settings.enable) out.push(...missingKindFindings(file, settings.rules));
  placeDuplicateKeyLines(file.lines, out);
  return applyDisableComments(file, out);
}

/** Diagnostics of one document alone, in document-relative offsets; cached on the document. */
export function checkDoc(doc: ParsedDoc, settings: CheckSettings, settingsKey = JSON.stringify(settings)): DocDiagnostic[] {
  const memoKey = `diagnostics:${settingsKey}`;
  const cached = doc.memo.get(memoKey) as DocDiagnostic[] | undefined;
  if (cached) return cached;
  const result: DocDiagnostic[] = doc.syntax.map((p) => ({ start: p.start, end: p.end, severity: p.severity, code: p.code, message: p.message, path: null }));
  if (settings.enable && doc.workload && !doc.syntax.some((p) => p.severity === 'error')) {
    result.push(...runRules(doc, settings.rules, clampMinor(settings.kubernetesMinor)));
  }
  for (const key of doc.memo.keys()) if (key.startsWith('diagnostics:')) doc.memo.delete(key);
  doc.memo.set(memoKey, result);
  return result;
}

function shift(d: DocDiagnostic, placed: PlacedDoc): CoreDiagnostic {
  const by = placed.start;
  if (by === 0) return d;
  const fixes = d.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) }));
  return { ...d, start: d.start + by, end: d.end + by, ...(fixes ? { fixes } : {}) };
}

function firstLineEnd(text: string): number {
  const i = text.indexOf('\n');
  return i < 0 ? text.length : i;
}

/** Binary data and oversized files are refused with a reason instead of being parsed. */
export function describeUnreadable(text: string): { code: string; message: string } | undefined {
  if (text.length > MAX_CHECKED_CHARS) {
    const mib = (text.length / 1024 / 1024).toFixed(1);
    return { code: 'file-too-large', message: `This file is ${mib} MiB; Workload Lens checks files up to ${MAX_CHECKED_CHARS / 1024 / 1024} MiB. Split it into smaller files to check it.` };
  }
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000') || /[\u0001-\u0008\u000e-\u001a]{4}/.test(sample) || (sample.match(/\uFFFD/g)?.length ?? 0) > 8) {
    return { code: 'not-text', message: 'This file holds binary data, not YAML text; nothing was checked.' };
  }
  return undefined;
}
