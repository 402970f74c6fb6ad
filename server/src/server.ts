import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult, type ServerCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace, readSettings } from './lsp/workspace';
import { features } from './lsp/features';

// createConnection picks the transport from argv: --stdio, --node-ipc or --socket=<port>.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const workspace = new Workspace(connection, documents);
let pullsConfiguration = false;

connection.onInitialize((params): InitializeResult => {
  pullsConfiguration = !!params.capabilities.workspace?.configuration;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) workspace.settings = readSettings(init.settings);
  let capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
  };
  for (const feature of features) capabilities = { ...capabilities, ...feature.capabilities?.(params.capabilities) };
  return { capabilities, serverInfo: { name: 'workload-lens', version: '0.1.0' } };
});

connection.onInitialized(() => {
  if (pullsConfiguration) void refreshSettings();
});

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as { workloadLens?: unknown } | undefined)?.workloadLens;
  if (pushed !== undefined) {
    workspace.settings = readSettings(pushed);
    settingsChanged();
  } else if (pullsConfiguration) {
    void refreshSettings();
  }
});

async function refreshSettings(): Promise<void> {
  try {
    const [section] = await connection.workspace.getConfiguration([{ section: 'workloadLens' }]);
    workspace.settings = readSettings(section);
    settingsChanged();
  } catch (error) {
    connection.console.warn(`Could not read settings: ${String(error)}`);
  }
}

function settingsChanged(): void {
  for (const feature of features) feature.onSettingsChanged?.(workspace);
}

for (const feature of features) feature.register(workspace);

process.on('uncaughtException', (error) => connection.console.error(`Unexpected error: ${error?.stack ?? error}`));

documents.listen(connection);
connection.listen();
