import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  ClusterConnectRequest, ClusterContextsRequest, ClusterDryRunRequest, ClusterStatusNotification,
  type ClusterConnectParams, type ClusterContextsResponse, type ClusterDryRunResponse, type ClusterStatus,
} from '../../../server/src/protocol';

type ClientGetter = () => LanguageClient | undefined;

/** What the cluster part of the extension exposes to tests. */
export interface ClusterFace {
  status(): ClusterStatus;
  statusBarText(): string | undefined;
  /** Fires with every status the server sends or a command receives. */
  onDidChangeStatus: vscode.Event<ClusterStatus>;
}

/**
 * Connect to Cluster…, Check Against Cluster and the status bar item "context · v1.34.9". The
 * server holds the connection; this side only asks and shows.
 */
export function registerCluster(context: vscode.ExtensionContext, getClient: ClientGetter): ClusterFace {
  let status: ClusterStatus = { connected: false };
  const item = vscode.window.createStatusBarItem('workloadLens.cluster', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Workload Lens: Cluster';
  item.command = 'workloadLens.connectCluster';
  const changed = new vscode.EventEmitter<ClusterStatus>();
  context.subscriptions.push(item, changed);

  const show = (next: ClusterStatus) => {
    status = next;
    changed.fire(next);
    if (next.connected && next.label) {
      item.text = `$(cloud) ${next.label}`;
      item.tooltip = `Workload Lens is connected to ${next.server ?? next.context} (Kubernetes ${next.version}). Click to connect to another context.`;
      item.show();
    } else if (next.error) {
      item.text = '$(warning) cluster';
      item.tooltip = `Workload Lens: ${next.error}`;
      item.show();
    } else item.hide();
  };

  const client = getClient();
  client?.onNotification(ClusterStatusNotification, show);
  // A restarted server starts unconnected (it connects again by itself when the setting is on).
  client?.onDidChangeState((e) => {
    if (e.newState === State.Starting && status.connected) show({ connected: false });
  });

  context.subscriptions.push(
    vscode.commands.registerCommand('workloadLens.connectCluster', async (args?: ClusterConnectParams): Promise<ClusterStatus | undefined> => {
      const client = getClient();
      if (!client) return undefined;
      let params: ClusterConnectParams | undefined = args && typeof args === 'object' ? args : undefined;
      if (!params?.context) {
        const contexts = await client.sendRequest<ClusterContextsResponse>(ClusterContextsRequest, { kubeconfig: params?.kubeconfig });
        if (contexts.error !== undefined) {
          void vscode.window.showErrorMessage(`Workload Lens: ${contexts.error}`);
          return undefined;
        }
        const picked = await vscode.window.showQuickPick(
          contexts.contexts.map((c) => ({ label: c.name, description: c.name === contexts.currentContext ? 'current context' : undefined, detail: `${c.server ?? c.cluster}${c.namespace ? ` · namespace ${c.namespace}` : ''}` })),
          { title: 'Workload Lens: Connect to Cluster', placeHolder: `A context from ${contexts.files.join(', ')}` },
        );
        if (!picked) return undefined;
        params = { ...params, context: picked.label };
      }
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Connecting to ${params.context}…` }, () => client.sendRequest<ClusterStatus>(ClusterConnectRequest, params));
      show(result);
      if (!result.connected) void vscode.window.showErrorMessage(`Workload Lens: ${result.error ?? 'could not connect'}`);
      return result;
    }),
    vscode.commands.registerCommand('workloadLens.checkAgainstCluster', async (uri?: vscode.Uri | string): Promise<ClusterDryRunResponse | undefined> => {
      const client = getClient();
      const target = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
      if (!client || !target) return undefined;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Server-side dry run…' }, () => client.sendRequest<ClusterDryRunResponse>(ClusterDryRunRequest, { uri: target }));
      if (result.error) void vscode.window.showWarningMessage(`Workload Lens: ${result.error}`);
      else void vscode.window.setStatusBarMessage(`Workload Lens: ${result.context} ${result.errors ? `rejects ${result.errors} field${result.errors === 1 ? '' : 's'}` : 'accepts'} ${result.objects} object${result.objects === 1 ? '' : 's'} (dry run, ${result.elapsedMs} ms)`, 5000);
      return result;
    }),
  );
  return { status: () => status, statusBarText: () => (item.text ? item.text : undefined), onDidChangeStatus: changed.event };
}
