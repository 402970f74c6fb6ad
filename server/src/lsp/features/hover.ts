import { MarkupKind, type HoverParams } from 'vscode-languageserver/node';
import type { Feature } from '../feature';
import { hoverAt, type HoverExtension } from '../../core/explain/hover';
import { toRange } from '../convert';
import { guarded, positionParams } from '../guard';

/** Sections other features add to a field's hover (cron adds the schedule's meaning and next runs). */
export const hoverExtensions: HoverExtension[] = [];

/** Hover on any key or value of a DaemonSet, Job or CronJob: path, type, default, In short, API reference. */
export const hoverFeature: Feature = {
  capabilities: () => ({ hoverProvider: true }),
  register(workspace) {
    workspace.connection.onHover(guarded(workspace, 'hover', positionParams, (params: HoverParams) => {
      const around = workspace.fileAround(params.textDocument.uri, params.position);
      if (!around || around.file.templated) return null;
      const { file, from: offset } = around;
      const hover = hoverAt(file, offset, hoverExtensions, workspace.settings.kubernetesMinor);
      if (!hover) return null;
      return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(file, hover.start, hover.end) };
    }, null));
  },
};
