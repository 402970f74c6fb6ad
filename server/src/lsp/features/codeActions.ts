import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type CodeActionParams } from 'vscode-languageserver/node';
import type { Feature } from '../feature';
import type { Workspace } from '../workspace';
import { checkFile } from '../../core/diagnostics';
import { toRange } from '../convert';
import { disableFix, isLint } from '../../core/rules/suppress';
import { array, guarded, object, range, textDocument } from '../guard';

const codeActionParams = object({ textDocument, range, context: object({ diagnostics: array }, { only: array }) });

/**
 * Quick fixes for the diagnostics under the cursor: the ready-made fixes they carry, and for lints a
 * comment that disables the lint on that line.
 */
export const codeActionsFeature: Feature = {
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } }),
  register(workspace) {
    workspace.connection.onCodeAction(guarded(workspace, 'codeAction', codeActionParams, (params: CodeActionParams) => {
      const only = params.context.only;
      if (only && !only.some((k) => k === CodeActionKind.Empty || k === CodeActionKind.QuickFix)) return [];
      return quickFixes(workspace, params.textDocument.uri, params.range, params.context.diagnostics);
    }, null));
  },
};

function quickFixes(workspace: Workspace, uri: string, range: Range, shown: Diagnostic[]): CodeAction[] {
  const around = workspace.fileAround(uri, range.start, range.end);
  if (!around) return [];
  const { file, from, to } = around;
  const actions: CodeAction[] = [];
  for (const d of checkFile(file, workspace.settings.validate)) {
    if (d.end < from || d.start > to) continue;
    const disable = isLint(d.code) ? disableFix(file, d) : undefined;
    const fixes = [...(d.fixes ?? []), ...(disable ? [disable] : [])];
    if (!fixes.length) continue;
    const lspRange = toRange(file, d.start, d.end);
    const match = shown.find((s) => s.code === d.code && sameRange(s.range, lspRange));
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        ...(match ? { diagnostics: [match] } : {}),
        ...(fix.preferred ? { isPreferred: true } : {}),
        edit: { changes: { [uri]: fix.edits.map((e) => ({ range: toRange(file, e.start, e.end), newText: e.newText })) } },
      });
    }
  }
  return actions;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
