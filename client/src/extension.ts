import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerCluster, type ClusterFace } from './cluster';
import { registerKubernetesVersion, type KubernetesVersionStatus } from './kubernetesVersion';
import { registerVisibleRanges } from './visibleRanges';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined; kubernetesVersion: () => KubernetesVersionStatus; cluster: ClusterFace }> {
  const output = vscode.window.createOutputChannel('Workload Lens');
  context.subscriptions.push(output);
  const visible = registerVisibleRanges(context, () => client);
  client = createClient(context, output, visible.beforeOpen);
  registerCommands(context, () => client, async () => {
    if (client) await client.restart();
  });
  const cluster = registerCluster(context, () => client);
  const kubernetesVersion = registerKubernetesVersion(context, () => client, cluster.onDidChangeStatus);
  await client.start();
  return { client: () => client, kubernetesVersion, cluster };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, beforeOpen: (document: vscode.TextDocument) => void): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'workloadLens' },
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      // The lines in view go first, so a large file's first check starts with them.
      didOpen: (document, next) => {
        beforeOpen(document);
        return next(document);
      },
    },
  };
  return new LanguageClient('workloadLens', 'Workload Lens', serverOptions, clientOptions);
}
