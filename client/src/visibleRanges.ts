import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { VisibleRangesNotification, type VisibleRangesParams } from '../../server/src/protocol';

/** Scrolling sends at most one notice per document in this many milliseconds. */
const QUIET_MS = 50;

function isChecked(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}

/**
 * Tells the server which lines each YAML editor shows, so the first check of a large file starts
 * with the documents in view (workloadLens/visibleRanges). Also sent just before a document opens
 * to the server when its editor is already visible.
 */
export function registerVisibleRanges(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): { beforeOpen(document: vscode.TextDocument): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  const send = (editor: vscode.TextEditor) => {
    const c = client();
    if (!c?.isRunning() || !isChecked(editor.document) || !editor.visibleRanges.length) return;
    const params: VisibleRangesParams = {
      uri: c.code2ProtocolConverter.asUri(editor.document.uri),
      ranges: editor.visibleRanges.map((r) => ({ start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } })),
    };
    void c.sendNotification(VisibleRangesNotification, params).catch(() => undefined);
  };
  const later = (editor: vscode.TextEditor) => {
    const key = editor.document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      send(editor);
    }, QUIET_MS));
  };
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => later(e.textEditor)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach(send)),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  return {
    beforeOpen(document) {
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) send(editor);
    },
  };
}
