import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient, caret } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';
import { CronPreviewRequest, PreviewCronRunsCommand, type CronPreviewParams, type CronPreviewResponse } from '../../server/src/protocol';

const NY_CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "30 2 * * *"
  timeZone: America/New_York
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 120
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: main
              image: busybox
`;

describe('cron over LSP: preview request, code lens, hover', () => {
  let client: LspTestClient;
  let n = 0;
  before(async () => {
    client = new LspTestClient();
    client.settings = { cron: { previewCount: 4 } };
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: false });
  });
  after(async () => {
    if (client.process.exitCode === null) await client.shutdown();
  });

  function open(text: string): string {
    const uri = `file:///cron-${n++}.yaml`;
    client.open(uri, text);
    return uri;
  }

  test('preview of the CronJob under the cursor: runs in zone/UTC with ISO instants, DST note, policies', async () => {
    const c = caret(NY_CRONJOB.replace('concurrencyPolicy', 'concurrency|Policy'));
    const uri = open(c.text);
    const params: CronPreviewParams = { uri, position: { line: c.line, character: c.character }, from: '2026-03-06T00:00:00Z', count: 3 };
    const r = await client.request<CronPreviewResponse>(CronPreviewRequest, params);
    assert.equal(r.valid, true);
    assert.equal(r.name, 'report');
    assert.equal(r.timeZone, 'America/New_York');
    assert.deepEqual(r.runs.map((x) => x.iso), ['2026-03-06T07:30:00.000Z', '2026-03-07T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    assert.equal(r.runs[0].inZone, 'Fri 2026-03-06 02:30 EST');
    assert.equal(r.runs[0].utc, 'Fri 2026-03-06 07:30 UTC');
    assert.equal(r.runs[2].gap, '1d 23h');
    assert.equal(r.dst.length, 1);
    assert.deepEqual(r.dst[0].skipped, ['02:30']);
    const policy = Object.fromEntries(r.policies.map((p) => [p.field, p]));
    assert.equal(policy.concurrencyPolicy.value, 'Forbid');
    assert.equal(policy.startingDeadlineSeconds.value, '120');
    assert.equal(r.from, '2026-03-06T00:00:00.000Z');
  });

  test('count defaults to workloadLens.cron.previewCount', async () => {
    const r = await client.request<CronPreviewResponse>(CronPreviewRequest, { schedule: '*/5 * * * *', from: '2026-01-01T00:00:00Z' });
    assert.equal(r.runs.length, 4);
    assert.equal(r.zoneLabel, "UTC (the controller's zone; no timeZone set)");
  });

  test('a bare schedule with a bad zone, or the cursor outside a CronJob, answers with an error', async () => {
    const bad = await client.request<CronPreviewResponse>(CronPreviewRequest, { schedule: '0 9 * * *', timeZone: 'Mars/Olympus' });
    assert.equal(bad.valid, false);
    assert.match(bad.error!, /unknown time zone Mars\/Olympus/);
    const uri = open(lesson.job());
    const outside = await client.request<CronPreviewResponse>(CronPreviewRequest, { uri, position: { line: 1, character: 2 } });
    assert.equal(outside.valid, false);
    assert.match(outside.error!, /not in a CronJob/);
  });

  test('code lens above schedule: meaning and next run, running the preview command', async () => {
    const uri = open(lesson.cronjob());
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    const lens = lenses[0];
    assert.equal(lens.range.start.line, 5);
    assert.match(lens.command!.title, /^Every minute · next \d\d:\d\d UTC$/);
    assert.equal(lens.command!.command, PreviewCronRunsCommand);
    assert.deepEqual(lens.command!.arguments, [uri, { line: 5, character: 2 }]);
  });

  test('code lens on an invalid schedule says so', async () => {
    const uri = open(NY_CRONJOB.replace('"30 2 * * *"', '"30 2 * * 7"'));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command!.title, '⚠ Invalid schedule · preview');
  });

  test('hover on spec.schedule carries the cron section; on spec.timeZone the next DST change', async () => {
    const c = caret(NY_CRONJOB.replace('"30 2', '"3|0 2'));
    const uri = open(c.text);
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: c.line, character: c.character } });
    const value = (h!.contents as MarkupContent).value;
    assert.match(value, /\*\*At 02:30\*\*/);
    assert.match(value, /Next 5 runs/);
    assert.match(value, /\| America\/New\\_York \| UTC \|/);
    const t = caret(NY_CRONJOB.replace('America/New_York', 'America/New|_York'));
    const uri2 = open(t.text);
    const h2 = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri2 }, position: { line: t.line, character: t.character } });
    assert.match((h2!.contents as MarkupContent).value, /Next daylight-saving change/);
  });
});
