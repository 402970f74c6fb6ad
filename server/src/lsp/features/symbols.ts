import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange, type DocumentSymbolParams, type FoldingRangeParams } from 'vscode-languageserver/node';
import type { Feature } from '../feature';
import { documentSymbols, foldingRanges, type OutlineSymbol } from '../../core/explain/outline';
import type { WorkloadFile } from '../../core/model/workloadFile';
import { toRange } from '../convert';
import { documentParams, guarded } from '../guard';

const KINDS: Record<OutlineSymbol['kind'], SymbolKind> = {
  object: SymbolKind.Class,
  container: SymbolKind.Object,
  initContainer: SymbolKind.Object,
  volume: SymbolKind.Field,
  jobTemplate: SymbolKind.Namespace,
  template: SymbolKind.Namespace,
};

/** The outline (`DaemonSet log-collector` with its containers and volumes) and folding ranges. */
export const symbolsFeature: Feature = {
  capabilities: () => ({ documentSymbolProvider: true, foldingRangeProvider: true }),
  register(workspace) {
    workspace.connection.onDocumentSymbol(guarded(workspace, 'documentSymbol', documentParams, (params: DocumentSymbolParams) => {
      const file = workspace.file(params.textDocument.uri);
      if (!file) return null;
      return documentSymbols(file).map((s) => toLspSymbol(file, s));
    }, null));
    workspace.connection.onFoldingRanges(guarded(workspace, 'foldingRange', documentParams, (params: FoldingRangeParams) => {
      const file = workspace.file(params.textDocument.uri);
      if (!file) return null;
      return foldingRanges(file).map((r): FoldingRange => ({ startLine: r.startLine, endLine: r.endLine, ...(r.kind === 'comment' ? { kind: FoldingRangeKind.Comment } : {}) }));
    }, null));
  },
};

function toLspSymbol(file: WorkloadFile, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: KINDS[s.kind],
    range: toRange(file, s.start, s.end),
    selectionRange: toRange(file, s.selectionStart, s.selectionEnd),
    children: s.children.map((c) => toLspSymbol(file, c)),
  };
}
