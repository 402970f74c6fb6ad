import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { escapeHtml, panelHtml } from '../panels/webviewHtml';
import { PlacementRequest, SimulateRequest, type PlacementParams, type PlacementResponse, type SimulateParams, type SimulateResponse } from '../../../server/src/protocol';
import type { Taint, Toleration, WhatIf } from '../../../server/src/core/placement/types';
import { targetMinor } from '../kubernetesVersion';
import { PANEL_SCRIPT, PANEL_STYLE, renderPlacementParts, renderSimulation, type ResultFilter, type ViewState } from './render';

type ClientGetter = () => LanguageClient | undefined;

type PanelMessage =
  | { type: 'toggleToleration'; index: number }
  | { type: 'addToleration'; toleration: Toleration }
  | { type: 'removeAddedToleration'; index: number }
  | { type: 'toggleTaint'; node: string; key: string; effect: string }
  | { type: 'addTaint'; node: string; taint: string }
  | { type: 'resetWhatIf' }
  | { type: 'filter'; value: ResultFilter }
  | { type: 'page'; value: number }
  | { type: 'nodesFrom'; value: 'files' | 'cluster' }
  | { type: 'sim'; podDurationSeconds?: number; failureRate?: number; runDurationSeconds?: number; hours?: number };

export interface PlacementPanelData {
  placement: PlacementResponse;
  simulation?: SimulateResponse;
}

/**
 * The Simulate Pod Placement panel: asks the server for placement (and, for a Job or CronJob,
 * the runs over time), renders them, and re-asks whenever a what-if toggle changes.
 */
export class PlacementPanel {
  private static current: PlacementPanel | undefined;
  private readonly panel: vscode.WebviewPanel;
  private whatIf: { removeTolerations: Set<number>; addTolerations: Toleration[]; addTaints: Array<{ node: string; taint: Taint | string }> } = { removeTolerations: new Set(), addTolerations: [], addTaints: [] };
  private state: ViewState = { filter: 'all', page: 0, removedTaints: new Set(), sim: {} };
  private data: PlacementPanelData | undefined;
  private target: { uri: string; position: { line: number; character: number } };
  private shownWorkload: string | undefined;
  private editTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  static async show(getClient: ClientGetter, editor: vscode.TextEditor): Promise<PlacementPanelData | undefined> {
    const target = { uri: editor.document.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character } };
    if (PlacementPanel.current) {
      PlacementPanel.current.retarget(target);
      PlacementPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel('workloadLens.placement', 'Pod Placement', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
      PlacementPanel.current = new PlacementPanel(panel, getClient, target);
    }
    return PlacementPanel.current.refresh();
  }

  private constructor(panel: vscode.WebviewPanel, private readonly getClient: ClientGetter, target: PlacementPanel['target']) {
    this.panel = panel;
    this.target = target;
    // Follow edits of the manifest (and of open node files) so the panel never shows a stale answer.
    const edits = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId !== 'yaml' || e.contentChanges.length === 0) return;
      if (e.document.uri.toString() !== this.target.uri && !/^\s*kind:\s*["']?(Node|NodeList|List)\b/m.test(e.document.getText())) return;
      clearTimeout(this.editTimer);
      this.editTimer = setTimeout(() => void this.refresh().catch(() => undefined), 400);
    });
    // A new target version changes what the API server keeps of the workload.
    const version = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('workloadLens.kubernetesVersion')) void this.refresh().catch(() => undefined);
    });
    panel.onDidDispose(() => {
      this.disposed = true;
      edits.dispose();
      version.dispose();
      clearTimeout(this.editTimer);
      if (PlacementPanel.current === this) PlacementPanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((m: PanelMessage) => {
      this.onMessage(m).catch((error) => void vscode.window.showErrorMessage(`Workload Lens: placement failed: ${(error as Error)?.message ?? error}`));
    });
  }

  private retarget(target: PlacementPanel['target']): void {
    if (target.uri !== this.target.uri) {
      this.whatIf = { removeTolerations: new Set(), addTolerations: [], addTaints: [] };
      this.state = { filter: 'all', page: 0, removedTaints: new Set(), sim: {} };
    }
    this.target = target;
  }

  private async onMessage(m: PanelMessage): Promise<void> {
    switch (m.type) {
      case 'toggleToleration':
        if (this.whatIf.removeTolerations.has(m.index)) this.whatIf.removeTolerations.delete(m.index);
        else this.whatIf.removeTolerations.add(m.index);
        break;
      case 'addToleration':
        this.whatIf.addTolerations.push(m.toleration);
        break;
      case 'removeAddedToleration':
        this.whatIf.addTolerations.splice(m.index, 1);
        break;
      case 'toggleTaint': {
        const key = `${m.node}|${m.key}|${m.effect}`;
        const added = this.whatIf.addTaints.findIndex((a) => {
          const t = typeof a.taint === 'string' ? { key: a.taint.slice(0, a.taint.lastIndexOf(':')).split('=')[0], effect: a.taint.slice(a.taint.lastIndexOf(':') + 1) } : a.taint;
          return a.node === m.node && t.key === m.key && t.effect === m.effect;
        });
        if (added >= 0) this.whatIf.addTaints.splice(added, 1);
        else if (this.state.removedTaints.has(key)) this.state.removedTaints.delete(key);
        else this.state.removedTaints.add(key);
        break;
      }
      case 'addTaint':
        if (!m.taint) return;
        this.whatIf.addTaints.push({ node: m.node || '*', taint: m.taint });
        break;
      case 'resetWhatIf':
        this.whatIf = { removeTolerations: new Set(), addTolerations: [], addTaints: [] };
        this.state.removedTaints.clear();
        break;
      case 'filter':
        this.state.filter = m.value;
        this.state.page = 0;
        this.render();
        return;
      case 'page':
        this.state.page = m.value;
        this.render();
        return;
      case 'nodesFrom':
        this.state.nodesFrom = m.value;
        break;
      case 'sim':
        this.state.sim = { podDurationSeconds: m.podDurationSeconds, failureRate: m.failureRate, runDurationSeconds: m.runDurationSeconds, hours: m.hours };
        break;
    }
    await this.refresh();
  }

  private hasWhatIf(): boolean {
    return this.whatIf.removeTolerations.size > 0 || this.whatIf.addTolerations.length > 0 || this.whatIf.addTaints.length > 0 || this.state.removedTaints.size > 0;
  }

  private whatIfParams(): WhatIf {
    return {
      removeTolerations: [...this.whatIf.removeTolerations],
      addTolerations: this.whatIf.addTolerations,
      addTaints: this.whatIf.addTaints,
      removeTaints: [...this.state.removedTaints].map((k) => {
        const [node, key, effect] = k.split('|');
        return { node, key, effect };
      }),
    };
  }

  private nodesFile(): string | undefined {
    const configured = vscode.workspace.getConfiguration('workloadLens').get<string>('placement.nodesFile');
    if (!configured) return undefined;
    if (path.isAbsolute(configured)) return configured;
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(this.target.uri)) ?? vscode.workspace.workspaceFolders?.[0];
    return folder ? path.join(folder.uri.fsPath, configured) : configured;
  }

  async refresh(): Promise<PlacementPanelData | undefined> {
    const client = this.getClient();
    if (this.disposed) return this.data;
    if (!client) {
      this.panel.webview.html = panelHtml(this.panel.webview, { title: 'Pod Placement', body: '<p>The Workload Lens server is not running.</p>' });
      return undefined;
    }
    const params: PlacementParams = { ...this.target, nodesFile: this.nodesFile(), whatIf: this.whatIfParams(), nodesFrom: this.state.nodesFrom, kubernetesMinor: targetMinor() };
    let placement = await client.sendRequest<PlacementResponse>(PlacementRequest, params);
    if (placement.error !== undefined && params.nodesFrom === 'cluster') {
      // The cluster went away (or never answered): say so, and place on the nodes from files.
      void vscode.window.showWarningMessage(`Workload Lens: ${placement.error}`);
      this.state.nodesFrom = undefined;
      params.nodesFrom = undefined;
      placement = await client.sendRequest<PlacementResponse>(PlacementRequest, params);
    }
    if (placement.error === undefined && this.shownWorkload !== undefined && placement.workload !== this.shownWorkload && this.hasWhatIf()) {
      // Another workload: what-if choices (toleration indices) belonged to the previous one.
      this.whatIf = { removeTolerations: new Set(), addTolerations: [], addTaints: [] };
      this.state.removedTaints.clear();
      placement = await client.sendRequest<PlacementResponse>(PlacementRequest, { ...params, whatIf: this.whatIfParams() });
    }
    if (placement.error === undefined) this.shownWorkload = placement.workload;
    let simulation: SimulateResponse | undefined;
    if (placement.error === undefined && (placement.kind === 'Job' || placement.kind === 'CronJob')) {
      const simParams: SimulateParams = { ...this.target, nodesFile: params.nodesFile, nodesFrom: params.nodesFrom, ...this.state.sim, kubernetesMinor: params.kubernetesMinor };
      simulation = await client.sendRequest<SimulateResponse>(SimulateRequest, simParams);
    }
    this.data = { placement, simulation };
    this.render();
    return this.data;
  }

  private render(): void {
    if (!this.data || this.disposed) return;
    const { placement, simulation } = this.data;
    let body: string;
    if (placement.error !== undefined) body = `<h1>Pod Placement</h1><p>${escapeHtml(placement.error)}</p>`;
    else {
      // The answer first (nodes, then runs over time), the what-if controls after it.
      const parts = renderPlacementParts(escapeHtml, placement, this.state);
      body = parts.head + parts.nodes + (simulation ? renderSimulation(escapeHtml, simulation, this.state) : '') + parts.whatIf;
    }
    this.panel.title = placement.error !== undefined ? 'Pod Placement' : `Placement: ${placement.workload}`;
    this.panel.webview.html = panelHtml(this.panel.webview, { title: 'Pod Placement', body, script: PANEL_SCRIPT, style: PANEL_STYLE });
  }
}

/** Workload Lens: Simulate Pod Placement — returns the data shown (for tests and other extensions). */
export function registerPlacementCommand(context: vscode.ExtensionContext, getClient: ClientGetter): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('workloadLens.simulatePlacement', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'yaml') {
        void vscode.window.showInformationMessage('Workload Lens: open a DaemonSet, Job or CronJob YAML file and put the cursor in it.');
        return undefined;
      }
      try {
        return await PlacementPanel.show(getClient, editor);
      } catch (error) {
        void vscode.window.showErrorMessage(`Workload Lens: placement failed: ${(error as Error)?.message ?? error}`);
        return undefined;
      }
    }),
  );
}
