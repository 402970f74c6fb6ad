import type { ClientCapabilities, ServerCapabilities } from 'vscode-languageserver/node';
import type { Workspace } from './workspace';

/** One LSP face of a core feature: the capabilities it announces and the handlers it wires. */
export interface Feature {
  capabilities?(client: ClientCapabilities): ServerCapabilities;
  register(workspace: Workspace): void;
  /** Called when settings change (re-publish, drop caches…). */
  onSettingsChanged?(workspace: Workspace): void;
}
