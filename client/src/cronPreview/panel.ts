import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { escapeHtml, panelHtml } from '../panels/webviewHtml';
import { CronPreviewRequest, PreviewCronRunsCommand, type CronPreviewParams, type CronPreviewResponse } from '../../../server/src/protocol';
import { CRON_PANEL_SCRIPT, CRON_PANEL_STYLE, renderCronPreview } from './render';

type ClientGetter = () => LanguageClient | undefined;

function settingCount(): number {
  const n = vscode.workspace.getConfiguration('workloadLens').get<number>('cron.previewCount', 10);
  return typeof n === 'number' && n > 0 ? Math.floor(n) : 10;
}

/** The Preview CronJob Runs panel: one panel, re-targeted by each use of the command. */
class CronPreviewPanel {
  private static current: CronPreviewPanel | undefined;
  private readonly panel: vscode.WebviewPanel;
  private count = settingCount();

  static async show(getClient: ClientGetter, target: CronPreviewParams): Promise<CronPreviewResponse | undefined> {
    if (CronPreviewPanel.current) {
      CronPreviewPanel.current.target = target;
      CronPreviewPanel.current.count = settingCount();
      CronPreviewPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel('workloadLens.cronPreview', 'CronJob Runs', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
      CronPreviewPanel.current = new CronPreviewPanel(panel, getClient, target);
    }
    return CronPreviewPanel.current.refresh();
  }

  private constructor(panel: vscode.WebviewPanel, private readonly getClient: ClientGetter, private target: CronPreviewParams) {
    this.panel = panel;
    panel.onDidDispose(() => {
      if (CronPreviewPanel.current === this) CronPreviewPanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((m: { type?: string }) => {
      if (m?.type === 'more') this.count += settingCount();
      if (m?.type === 'refresh') this.count = settingCount();
      if (m?.type === 'more' || m?.type === 'refresh') void this.refresh();
    });
  }

  private async refresh(): Promise<CronPreviewResponse | undefined> {
    const client = this.getClient();
    if (!client) {
      this.panel.webview.html = panelHtml(this.panel.webview, { title: 'CronJob Runs', body: '<p>The Workload Lens server is not running.</p>' });
      return undefined;
    }
    let result: CronPreviewResponse;
    try {
      result = await client.sendRequest<CronPreviewResponse>(CronPreviewRequest, { ...this.target, count: this.count, from: new Date().toISOString() });
    } catch (error) {
      this.panel.webview.html = panelHtml(this.panel.webview, { title: 'CronJob Runs', body: `<p class="bad">${escapeHtml((error as Error)?.message ?? error)}</p>` });
      return undefined;
    }
    this.panel.title = result.name ? `Runs: ${result.name}` : 'CronJob Runs';
    this.panel.webview.html = panelHtml(this.panel.webview, { title: this.panel.title, body: renderCronPreview(escapeHtml, result), script: CRON_PANEL_SCRIPT, style: CRON_PANEL_STYLE });
    return result;
  }
}

async function askForSchedule(): Promise<CronPreviewParams | undefined> {
  const schedule = await vscode.window.showInputBox({
    title: 'Preview CronJob Runs',
    prompt: 'A CronJob schedule: five fields (minute hour day-of-month month day-of-week) or a descriptor such as @hourly',
    placeHolder: '*/5 * * * *',
    value: '*/5 * * * *',
    ignoreFocusOut: true,
  });
  if (schedule === undefined) return undefined;
  const timeZone = await vscode.window.showInputBox({
    title: 'Preview CronJob Runs',
    prompt: 'spec.timeZone (an IANA name such as Europe/London); leave empty for none (the controller\'s zone, usually UTC)',
    placeHolder: 'America/New_York',
    ignoreFocusOut: true,
  });
  if (timeZone === undefined) return undefined;
  return { schedule, ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}) };
}

/**
 * Workload Lens: Preview CronJob Runs. From the code lens: (uri, position). From the palette: the
 * CronJob under the cursor, else a schedule typed in. Returns what the panel shows (for tests).
 */
export function registerCronPreviewCommand(context: vscode.ExtensionContext, getClient: ClientGetter): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(PreviewCronRunsCommand, async (uri?: unknown, position?: unknown): Promise<CronPreviewResponse | undefined> => {
      let target: CronPreviewParams | undefined;
      if (typeof uri === 'string' && position && typeof position === 'object') {
        const p = position as { line?: unknown; character?: unknown };
        if (typeof p.line === 'number' && typeof p.character === 'number') target = { uri, position: { line: p.line, character: p.character } };
      }
      if (!target && uri && typeof uri === 'object' && 'schedule' in (uri as object)) target = uri as CronPreviewParams;
      const editor = vscode.window.activeTextEditor;
      if (!target && editor && editor.document.languageId === 'yaml') {
        const candidate: CronPreviewParams = { uri: editor.document.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character } };
        const client = getClient();
        const probe = client ? await client.sendRequest<CronPreviewResponse>(CronPreviewRequest, { ...candidate, count: 1 }).catch(() => undefined) : undefined;
        if (probe && (probe.valid || (probe.error && !/not in a CronJob/.test(probe.error)))) target = candidate;
      }
      if (!target) target = await askForSchedule();
      if (!target) return undefined;
      return CronPreviewPanel.show(getClient, target);
    }),
  );
}
