import type { Feature } from '../feature';
import type { Workspace } from '../workspace';
import { docAt } from '../../core/explain/locate';
import { cronJobTiming } from '../../core/cron/document';
import { buildPreview, MAX_PREVIEW_COUNT } from '../../core/cron/preview';
import { cronHoverSection, platformZone } from '../../core/cron/hover';
import { hoverExtensions } from './hover';
import { CronPreviewRequest, type CronPreviewParams, type CronPreviewResponse } from '../../protocol';
import { finiteNumber, guarded, object, position, string, type Shape } from '../guard';

const cronPreviewFields = object({}, { uri: string, position, schedule: string, timeZone: string, count: finiteNumber, from: string });
/** All fields are optional, so no params at all is a valid request too. */
const cronPreviewParams: Shape = (v, at) => (v === null || v === undefined ? undefined : cronPreviewFields(v, at));

const DEFAULT_COUNT = 10;

/** workloadLens.cron.previewCount, clamped to what a panel can show. */
export function previewCount(workspace: Workspace): number {
  const cron = workspace.settings.raw.cron as Record<string, unknown> | undefined;
  const n = cron?.previewCount;
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(1, Math.min(MAX_PREVIEW_COUNT, Math.floor(n))) : DEFAULT_COUNT;
}

function emptyResponse(error: string, schedule = '', from = new Date()): CronPreviewResponse {
  return { schedule, zoneLabel: '', valid: false, error, runs: [], dst: [], warnings: [], fields: [], policies: [], from: from.toISOString() };
}

export function answerCronPreview(workspace: Workspace, params: CronPreviewParams): CronPreviewResponse {
  let from = new Date();
  if (params.from !== undefined) {
    from = new Date(params.from);
    if (Number.isNaN(from.getTime())) return emptyResponse(`"from" is not an ISO-8601 instant: ${String(params.from).slice(0, 100)}`);
    // The same range as the CLI's --from: the controller's five-year search must stay inside JS dates.
    if (from.getUTCFullYear() < 1 || from.getUTCFullYear() > 9990) return emptyResponse(`"from" must be a date between the years 1 and 9990: ${String(params.from).slice(0, 100)}`);
  }
  const count = typeof params.count === 'number' && params.count > 0 ? Math.min(MAX_PREVIEW_COUNT, Math.floor(params.count)) : previewCount(workspace);
  const localZone = platformZone();
  if (params.uri && params.position) {
    const file = workspace.file(params.uri);
    if (!file) return emptyResponse('The document is not open.', '', from);
    const placed = docAt(file, file.lines.offsetAt(params.position));
    if (!placed || placed.doc.workload !== 'CronJob') {
      if (params.schedule === undefined) return emptyResponse('The cursor is not in a CronJob (batch/v1).', '', from);
    } else {
      const timing = cronJobTiming(placed.doc);
      if (timing.schedule === undefined) return emptyResponse('This CronJob has no spec.schedule string.', '', from);
      const data = buildPreview({ schedule: timing.schedule, timeZone: timing.timeZone, from, count, localZone, policy: timing.policy });
      return { ...data, ...(placed.doc.name ? { name: placed.doc.name } : {}), from: from.toISOString() };
    }
  }
  if (typeof params.schedule !== 'string') return emptyResponse('Give a uri and position of a CronJob, or a schedule.', '', from);
  const data = buildPreview({ schedule: params.schedule, ...(typeof params.timeZone === 'string' ? { timeZone: params.timeZone } : {}), from, count, localZone });
  return { ...data, from: from.toISOString() };
}

/** The workloadLens/cronPreview request, and the cron sections of the field hover. */
export const cronPreviewFeature: Feature = {
  register(workspace) {
    if (!hoverExtensions.some((e) => (e as { cron?: boolean }).cron)) {
      const extension = Object.assign((ctx: Parameters<typeof cronHoverSection>[0]) => cronHoverSection(ctx), { cron: true });
      hoverExtensions.push(extension);
    }
    workspace.connection.onRequest(CronPreviewRequest, guarded(workspace, 'cron preview', cronPreviewParams, (params: CronPreviewParams | null | undefined): CronPreviewResponse => answerCronPreview(workspace, params ?? {}), emptyResponse('The preview failed (see the Workload Lens output).')));
  },
};
