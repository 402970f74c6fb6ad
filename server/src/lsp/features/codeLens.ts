import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import type { Feature } from '../feature';
import type { Workspace } from '../workspace';
import { cronJobTiming } from '../../core/cron/document';
import { parseSchedule, validateTimeZone, describeParsed } from '../../core/cron';
import { formatInstant } from '../../core/cron/preview';
import { toRange } from '../convert';
import { PreviewCronRunsCommand } from '../../protocol';
import { documentParams, guarded } from '../guard';

/** "Every 5 minutes · next 12:35 UTC" (date added when the next run is not within a day). */
export function cronLensTitle(schedule: string, timeZone: string | undefined, now: Date): string {
  const parsed = parseSchedule(schedule);
  if (!parsed.ok) return '⚠ Invalid schedule · preview';
  if (timeZone !== undefined && validateTimeZone(timeZone)) return '⚠ Invalid timeZone · preview';
  const meaning = describeParsed(parsed.schedule);
  const short = meaning.length > 60 ? `${meaning.slice(0, 57)}…` : meaning;
  if (/^Never runs/.test(meaning)) return 'Never runs · preview';
  const next = parsed.schedule.next(now, timeZone);
  if (!next) return `${short} · no run within five years`;
  const zone = parsed.schedule.scheduleZone ?? timeZone ?? 'UTC';
  const text = formatInstant(next, zone);
  const soon = next.getTime() - now.getTime() < 20 * 3600_000;
  const when = soon ? text.slice(15) : `${text.slice(0, 3)} ${text.slice(9, 14)} ${text.slice(15)}`;
  return `${short} · next ${when}`;
}

function enabled(workspace: Workspace): boolean {
  const cron = workspace.settings.raw.cron as Record<string, unknown> | undefined;
  return cron?.codeLens !== false;
}

let refreshSupported = false;
const REFRESH_MS = 60_000;
/** A file of thousands of CronJobs gets lenses on the first ones only. */
const MAX_LENSES = 500;

/** Asks the client to re-request lenses (their "next run" ages), when it supports that. */
function refresh(workspace: Workspace): void {
  if (refreshSupported) void workspace.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}

/** A code lens above each CronJob `schedule:` key with its meaning and next run, opening the preview. */
export const codeLensFeature: Feature = {
  capabilities: (client) => {
    refreshSupported = client.workspace?.codeLens?.refreshSupport === true;
    return { codeLensProvider: { resolveProvider: false } };
  },
  onSettingsChanged(workspace) {
    refresh(workspace);
  },
  register(workspace) {
    const timer = setInterval(() => {
      if (refreshSupported && enabled(workspace) && workspace.documents.all().some((d) => d.getText().includes('CronJob'))) refresh(workspace);
    }, REFRESH_MS);
    timer.unref();
    workspace.connection.onCodeLens(guarded(workspace, 'codeLens', documentParams, (params: CodeLensParams) => {
      const file = workspace.file(params.textDocument.uri);
      if (!file || file.templated || !enabled(workspace)) return [];
      const now = new Date();
      const lenses: CodeLens[] = [];
      for (const placed of file.docs) {
        if (lenses.length >= MAX_LENSES) break;
        if (placed.doc.workload !== 'CronJob') continue;
        const timing = cronJobTiming(placed.doc);
        if (timing.schedule === undefined || !timing.scheduleKeyRange) continue;
        const start = placed.start + timing.scheduleKeyRange[0];
        const range = toRange(file, start, placed.start + timing.scheduleKeyRange[1]);
        lenses.push({ range, command: { title: cronLensTitle(timing.schedule, timing.timeZone, now), command: PreviewCronRunsCommand, arguments: [params.textDocument.uri, range.start] } });
      }
      return lenses;
    }, null));
  },
};
