import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { CoreDiagnostic, Severity } from '../core/diagnostics';
import type { WorkloadFile } from '../core/model/workloadFile';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(file: WorkloadFile, start: number, end: number): Range {
  return file.lines.rangeOf(start, end);
}

export function toLspDiagnostic(file: WorkloadFile, d: CoreDiagnostic): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(file, d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'workload-lens',
    message: d.path ? `${d.message}` : d.message,
  };
  if (d.href) diagnostic.codeDescription = { href: d.href };
  if (d.data !== undefined || d.path) diagnostic.data = { path: d.path, fix: d.data };
  return diagnostic;
}
