import type { CoreDiagnostic, CoreFix } from '../diagnostics';
import { isCollection, isPair, isScalar } from '../model/yamlNodes';
import type { ParsedDoc, WorkloadFile } from '../model/workloadFile';
import { allRules } from './registry';

/**
 * Inline comments that silence lints (never API errors, which the cluster would still reject):
 *   `# workload-lens-disable-line <rule-id>[, <rule-id>…]` on the line a finding starts on, or
 *   `# workload-lens-disable-next-line <rule-id>…` on the line above it. Without ids, every lint on the line.
 */
export const DISABLE_LINE = 'workload-lens-disable-line';
export const DISABLE_NEXT_LINE = 'workload-lens-disable-next-line';
type FileText = Pick<WorkloadFile, 'text' | 'lines'>;
const DIRECTIVE = /#\s*workload-lens-disable-(next-)?line\b([^#\r\n]*)/g;

export function isLint(code: string): boolean {
  return allRules().some((r) => r.id === code && r.category === 'lint');
}

export function applyDisableComments(file: FileText, diagnostics: CoreDiagnostic[]): CoreDiagnostic[] {
  if (!file.text.includes('workload-lens-disable')) return diagnostics;
  const lintIds = new Set(allRules().filter((r) => r.category === 'lint').map((r) => r.id));
  const cache = new Map<number, Set<string> | 'all' | undefined>();
  const disabledOn = (line: number): Set<string> | 'all' | undefined => {
    if (!cache.has(line)) cache.set(line, directivesFor(file, line));
    return cache.get(line);
  };
  return diagnostics.filter((d) => {
    if (!lintIds.has(d.code)) return true;
    const disabled = disabledOn(file.lines.positionAt(d.start).line);
    return !(disabled === 'all' || disabled?.has(d.code));
  });
}

/** The lint ids disabled for `line` by a comment on it or a next-line comment above it. */
function directivesFor(file: FileText, line: number): Set<string> | 'all' | undefined {
  const ids = new Set<string>();
  let all = false;
  const collect = (text: string, wantNext: boolean) => {
    for (const m of text.matchAll(DIRECTIVE)) {
      if (Boolean(m[1]) !== wantNext) continue;
      const list = m[2].split(/[\s,]+/).filter(Boolean);
      if (list.length === 0) all = true;
      for (const id of list) ids.add(id);
    }
  };
  collect(lineText(file, line), false);
  if (line > 0) collect(lineText(file, line - 1), true);
  if (all) return 'all';
  return ids.size ? ids : undefined;
}

function lineText(file: FileText, line: number): string {
  const start = file.lines.offsetAt({ line, character: 0 });
  const end = line + 1 < file.lines.lineCount ? file.lines.offsetAt({ line: line + 1, character: 0 }) : file.text.length;
  return file.text.slice(start, end);
}

/**
 * A fix that silences one lint on its line with a next-line comment, indented like that line; none
 * when that line continues a multi-line scalar or flow collection (a comment line there would
 * become part of the value or break the YAML).
 */
export function disableFix(file: WorkloadFile, d: CoreDiagnostic): CoreFix | undefined {
  const line = file.lines.positionAt(d.start).line;
  const start = file.lines.offsetAt({ line, character: 0 });
  if (insideMultiLineNode(file, start)) return undefined;
  const text = lineText(file, line);
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  return { title: `Disable ${d.code} for this line`, edits: [{ start, end: start, newText: `${indent}# ${DISABLE_NEXT_LINE} ${d.code}${eol}` }] };
}

function insideMultiLineNode(file: WorkloadFile, offset: number): boolean {
  for (const placed of file.docs) {
    const rel = offset - placed.start;
    const range = placed.doc.yaml.range;
    if (!range || rel < range[0] || rel > range[2]) continue;
    if (continuationSpans(placed.doc).some(([a, b]) => a < rel && rel < b)) return true;
  }
  return false;
}

/** Ranges of scalars and flow collections of a document (a line inside one continues it). */
function continuationSpans(doc: ParsedDoc): Array<[number, number]> {
  const key = 'suppress:spans';
  const cached = doc.memo.get(key) as Array<[number, number]> | undefined;
  if (cached) return cached;
  const spans: Array<[number, number]> = [];
  const stack: unknown[] = [doc.yaml.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    const r = (n as { range?: [number, number, number] } | null)?.range;
    if (isScalar(n) || (isCollection(n) && n.flow)) {
      if (r) spans.push([r[0], r[1]]);
      continue;
    }
    if (isCollection(n)) for (const item of n.items) stack.push(item);
  }
  doc.memo.set(key, spans);
  return spans;
}
