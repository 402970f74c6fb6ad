import { CompletionItemKind, CompletionTriggerKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver/node';
import type { Feature } from '../feature';
import { completionsAt, type CoreCompletionItem } from '../../core/explain/completion';
import type { WorkloadFile } from '../../core/model/workloadFile';
import { toRange } from '../convert';
import { guarded, positionParams } from '../guard';

const KINDS: Record<CoreCompletionItem['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  keyword: CompletionItemKind.Keyword,
};

/** Keys valid at the cursor, enum values and booleans, whole blocks, and apiVersion/kind on a new document. */
export const completionFeature: Feature = {
  capabilities: () => ({ completionProvider: { triggerCharacters: [' '], resolveProvider: false } }),
  register(workspace) {
    workspace.connection.onCompletion(guarded(workspace, 'completion', positionParams, (params: CompletionParams) => {
      const around = workspace.fileAround(params.textDocument.uri, params.position);
      if (!around || around.file.templated) return null;
      const { file, from: offset } = around;
      // A space typed as indentation is not a request for keys; after `key: ` or `- ` it asks for a value or an item.
      if (params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter && /^\s*$/.test(file.text.slice(file.lines.lineStart(params.position.line), offset))) return null;
      const items = completionsAt(file, offset, workspace.settings.kubernetesMinor);
      return { isIncomplete: false, items: items.map((item) => toLspItem(file, item)) };
    }, null));
  },
};

function toLspItem(file: WorkloadFile, item: CoreCompletionItem): CompletionItem {
  const range = toRange(file, item.start, item.end);
  return {
    label: item.label,
    kind: KINDS[item.kind],
    ...(item.detail ? { detail: item.detail } : {}),
    ...(item.labelDetail ? { labelDetails: { description: item.labelDetail.trim() } } : {}),
    ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
    sortText: item.sortText,
    ...(item.filterText ? { filterText: item.filterText } : {}),
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range, newText: item.insertText },
    ...(item.additionalEdits?.length ? { additionalTextEdits: item.additionalEdits.map((e) => ({ range: toRange(file, e.start, e.end), newText: e.newText })) } : {}),
  };
}
