import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { CoreDiagnostic, Severity } from '../core/diagnostics';
import type { WorkloadFile } from '../core/model/workloadFile';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What every diagnostic carries for code actions: its field path and its ready-made fixes. */
export interface DiagnosticData {
  path: string | null;
  fixes?: Array<{ title: string; preferred?: boolean; edits: Array<{ range: Range; newText: string }> }>;
}

export function toRange(file: Pick<WorkloadFile, 'lines'>, start: number, end: number): Range {
  return file.lines.rangeOf(start, end);
}

export function toLspDiagnostic(file: Pick<WorkloadFile, 'lines'>, d: CoreDiagnostic): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(file, d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'workload-lens',
    message: d.message,
  };
  if (d.href) diagnostic.codeDescription = { href: d.href };
  const data: DiagnosticData = { path: d.path };
  if (d.fixes?.length) data.fixes = d.fixes.map((f) => ({ title: f.title, preferred: f.preferred, edits: f.edits.map((e) => ({ range: toRange(file, e.start, e.end), newText: e.newText })) }));
  diagnostic.data = data;
  return diagnostic;
}
