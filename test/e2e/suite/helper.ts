// Helpers for the extension-host tests: open files of the temp workspace, wait for what the
// language server publishes (no fixed sleeps), edit documents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const EXTENSION_ID = 'workload-lens.workload-lens';
export const SOURCE = 'workload-lens';

export interface WorkloadLensApi {
  client(): LanguageClient | undefined;
}

export async function activate(): Promise<WorkloadLensApi> {
  const ext = vscode.extensions.getExtension<WorkloadLensApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export function languageClient(): LanguageClient {
  const client = vscode.extensions.getExtension<WorkloadLensApi>(EXTENSION_ID)?.exports?.client();
  assert.ok(client, 'the extension exposes no language client');
  return client;
}

export function workspaceDir(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (the runner opens a temp copy of examples/lesson)');
  return folder.uri;
}

export function docUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceDir(), name);
}

/** Writes a file into the temp workspace and opens it in an editor. */
export async function openNew(name: string, content: string): Promise<vscode.TextEditor> {
  const uri = docUri(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  return open(uri);
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.languageId, 'yaml', `${uri.path} should open as yaml`);
  return vscode.window.showTextDocument(doc);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Resolves with our diagnostics of `uri` once `accept` holds for them (checked on every change). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = (result: vscode.Diagnostic[] | Error) => {
      clearTimeout(timer);
      sub.dispose();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const check = () => {
      const current = ours(uri);
      if (accept(current)) done(current);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(
      () => done(new Error(`timed out waiting for ${what} in ${uri.path}; now: ${describe(ours(uri))}`)),
      timeoutMs,
    );
    check();
  });
}

/**
 * The diagnostics of the document as it is now, proven fresh: a syntax error is appended, its
 * diagnostic awaited, the edit undone and the error's disappearance awaited. A publish replaces the
 * whole set, so what remains then belongs to the current text.
 */
export async function settledDiagnostics(editor: vscode.TextEditor): Promise<vscode.Diagnostic[]> {
  const doc = editor.document;
  const uri = doc.uri;
  const probeLine = doc.lineCount;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const probe = `${doc.lineAt(doc.lineCount - 1).text.length ? '\n' : ''}e2e-probe: [unclosed\n`;
  const isProbe = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line >= probeLine - 1;
  assert.ok(await editor.edit((b) => b.insert(end, probe)), 'probe edit failed');
  await waitForDiagnostics(uri, (ds) => ds.some(isProbe), 'the probe syntax error');
  const probeStart = doc.positionAt(doc.offsetAt(end));
  assert.ok(await editor.edit((b) => b.delete(new vscode.Range(probeStart, doc.positionAt(doc.getText().length)))), 'probe removal failed');
  return waitForDiagnostics(uri, (ds) => !ds.some(isProbe) && doc.getText().indexOf('e2e-probe') < 0, 'the probe error to go away');
}

export async function replaceAll(editor: vscode.TextEditor, content: string): Promise<void> {
  const doc = editor.document;
  const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  assert.ok(await editor.edit((b) => b.replace(all, content)), 'edit failed');
}

export function errors(ds: vscode.Diagnostic[]): vscode.Diagnostic[] {
  return ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}

export function describe(ds: readonly vscode.Diagnostic[]): string {
  if (!ds.length) return '(none)';
  return ds
    .map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
    .join('\n  ');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code ?? '');
}

/** Position of the first `needle` in the document (optionally the n-th), shifted by `delta` chars. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + delta);
}

/** Closes every editor, throwing away unsaved edits (no save prompt can block the run). */
export async function closeAll(): Promise<void> {
  for (let i = 0; i < 50 && vscode.workspace.textDocuments.some((d) => d.isDirty); i++) {
    const dirty = vscode.workspace.textDocuments.find((d) => d.isDirty)!;
    await vscode.window.showTextDocument(dirty);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** True when the running extension contributes `command` (features land over time). */
export function contributes(command: string): boolean {
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { commands?: Array<{ command: string }> } } | undefined;
  return !!pkg?.contributes?.commands?.some((c) => c.command === command);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
