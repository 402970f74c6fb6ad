import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerPlacementCommand } from '../placement/panel';
import { registerCronPreviewCommand } from '../cronPreview/panel';

export type ClientGetter = () => LanguageClient | undefined;

/** Registers every command the extension contributes; each feature keeps its own module. */
export function registerCommands(context: vscode.ExtensionContext, getClient: ClientGetter, restart: () => Promise<void>): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('workloadLens.restartServer', async () => {
      await restart();
      void vscode.window.setStatusBarMessage('Workload Lens: server restarted', 3000);
    }),
  );
  registerPlacementCommand(context, getClient);
  registerCronPreviewCommand(context, getClient);
}
