import type { Feature } from '../feature';
import type { Workspace } from '../workspace';
import { capFindings, checkFile } from '../../core/diagnostics';
import { toLspDiagnostic } from '../convert';
import { mergeClusterDiagnostics } from '../../core/clusterFindings';
import { clusterSession } from './cluster';

const DEBOUNCE_MS = 10;

/** Pushes diagnostics for every open document after it opens or changes. */
export const diagnosticsFeature: Feature & { publish(workspace: Workspace, uri: string): void } = {
  register(workspace) {
    const timers = new Map<string, NodeJS.Timeout>();
    const schedule = (uri: string, delay: number) => {
      clearTimeout(timers.get(uri));
      timers.set(uri, setTimeout(() => {
        timers.delete(uri);
        this.publish(workspace, uri);
      }, delay));
    };
    workspace.documents.onDidOpen((e) => schedule(e.document.uri, 0));
    workspace.documents.onDidChangeContent((e) => schedule(e.document.uri, DEBOUNCE_MS));
    workspace.documents.onDidClose((e) => {
      clearTimeout(timers.get(e.document.uri));
      workspace.forget(e.document.uri);
      void workspace.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  },
  onSettingsChanged(workspace) {
    for (const document of workspace.documents.all()) this.publish(workspace, document.uri);
  },
  publish(workspace, uri) {
    const document = workspace.documents.get(uri);
    const file = workspace.file(uri);
    if (!document || !file) return;
    let diagnostics: import('vscode-languageserver/node').Diagnostic[];
    try {
      diagnostics = capFindings(mergeClusterDiagnostics(checkFile(file, workspace.settings.validate), clusterSession(workspace).diagnosticsFor(uri, file))).map((d) => toLspDiagnostic(file, d));
    } catch (error) {
      workspace.connection.console.error(`Checking ${uri} failed: ${(error as Error)?.stack ?? error}`);
      diagnostics = [];
    }
    void workspace.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  },
};
