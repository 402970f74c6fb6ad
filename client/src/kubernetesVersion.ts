import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { KubernetesVersionsRequest, type ClusterStatus, type KubernetesVersionsResponse } from '../../server/src/protocol';

export const SetKubernetesVersionCommand = 'workloadLens.setKubernetesVersion';
const SECTION = 'workloadLens';
const SETTING = 'kubernetesVersion';
const AUTO = 'auto';
const FALLBACK_VERSIONS = ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'];

/** What the status bar item shows, for tests and other callers of the extension's API. */
export interface KubernetesVersionStatus {
  text: string;
  tooltip: string;
  visible: boolean;
  /** The setting's value as read now. */
  version: string;
}

/** The versions the setting accepts, as package.json declares them (one list for the Settings UI and the picker). */
function knownVersions(context: vscode.ExtensionContext): string[] {
  const properties = (context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, { enum?: unknown[] }> } } })
    .contributes?.configuration?.properties;
  const listed = properties?.[`${SECTION}.${SETTING}`]?.enum?.filter((v): v is string => typeof v === 'string' && /^\d+\.\d+$/.test(v));
  return listed?.length ? listed : FALLBACK_VERSIONS;
}

function currentVersion(context: vscode.ExtensionContext): string {
  const value = vscode.workspace.getConfiguration(SECTION).get<string>(SETTING);
  if (typeof value === 'string' && value.trim()) return value.trim();
  const versions = knownVersions(context);
  return versions[versions.length - 1];
}

/** The target minor for requests (31 for "1.31"); undefined leaves it to the server's setting. */
export function targetMinor(): number | undefined {
  const m = /^v?1\.(\d+)(\.\d+)?$/.exec(vscode.workspace.getConfiguration(SECTION).get<string>(SETTING)?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The target Kubernetes version in the status bar (visible for YAML editors) and the command that
 * picks it. The server re-checks open documents itself when the setting changes.
 */
export function registerKubernetesVersion(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined, clusterStatus?: vscode.Event<ClusterStatus>): () => KubernetesVersionStatus {
  const item = vscode.window.createStatusBarItem('workloadLens.kubernetesVersion', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Workload Lens: Kubernetes Version';
  item.command = SetKubernetesVersionCommand;
  let visible = false;
  // "auto": the connected cluster's version (the server says which), else the newest.
  let autoVersion: string | undefined;
  const refresh = () => {
    const setting = currentVersion(context);
    const version = setting === AUTO ? (autoVersion ?? knownVersions(context).slice(-1)[0]) : setting;
    item.text = setting === AUTO ? `K8s ${version} (auto)` : `K8s ${version}`;
    item.tooltip = `Workload Lens checks manifests as a Kubernetes ${version} API server would${setting === AUTO ? (autoVersion ? ' (the connected cluster\'s version)' : ' (no cluster connected: the newest version)') : ''}. Click to change.`;
    visible = vscode.window.activeTextEditor?.document.languageId === 'yaml';
    if (visible) item.show();
    else item.hide();
  };
  refresh();
  if (clusterStatus) {
    context.subscriptions.push(
      clusterStatus((status) => {
        autoVersion = status.connected ? status.autoVersion : undefined;
        refresh();
      }),
    );
  }
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.${SETTING}`)) refresh();
    }),
    vscode.commands.registerCommand(SetKubernetesVersionCommand, async (version?: unknown) => {
      const versions = knownVersions(context);
      let picked: string | undefined;
      if (typeof version === 'string' || typeof version === 'number') {
        picked = String(version).trim().replace(/^v/, '');
        if (!versions.includes(picked) && picked !== AUTO) {
          void vscode.window.showErrorMessage(`Workload Lens knows Kubernetes ${versions[0]} to ${versions[versions.length - 1]}; "${String(version)}" is not one of them.`);
          return undefined;
        }
      } else {
        picked = await pickVersion(versions, currentVersion(context), getClient());
      }
      if (!picked) return undefined;
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await vscode.workspace.getConfiguration(SECTION).update(SETTING, picked, target);
      refresh();
      return picked;
    }),
  );
  return () => ({ text: item.text, tooltip: String(item.tooltip ?? ''), visible, version: currentVersion(context) });
}

/** What changes in each version, from the server; nothing when it is not running. */
async function versionChanges(client: LanguageClient | undefined): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!client?.isRunning()) return out;
  try {
    const answer = await client.sendRequest<KubernetesVersionsResponse>(KubernetesVersionsRequest, {});
    for (const v of answer.versions ?? []) out.set(v.version, v.changes);
  } catch {
    // The picker works without the descriptions.
  }
  return out;
}

async function pickVersion(versions: string[], current: string, client: LanguageClient | undefined): Promise<string | undefined> {
  const changes = await versionChanges(client);
  const items: Array<vscode.QuickPickItem & { version: string }> = [...versions].reverse().map((version) => ({
    version,
    label: version === current ? `$(check) ${version}` : version,
    description: version === current ? 'current target' : undefined,
    detail: changes.get(version) || undefined,
  }));
  items.unshift({ version: AUTO, label: current === AUTO ? `$(check) ${AUTO}` : AUTO, description: current === AUTO ? 'current target' : undefined, detail: 'The version of the connected cluster (Workload Lens: Connect to Cluster…)' });
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Workload Lens: Set Kubernetes Version',
    placeHolder: `The Kubernetes version your cluster runs (now ${current})`,
    matchOnDetail: true,
  });
  return chosen?.version;
}
