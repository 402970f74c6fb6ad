import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CronPreviewResponse, PlacementResponse, SimulateResponse } from '../../../server/src/protocol';
import {
  activate,
  closeAll,
  codeOf,
  describe,
  docUri,
  errors,
  EXTENSION_ID,
  open,
  openNew,
  positionOf,
  settledDiagnostics,
  sleep,
  waitForDiagnostics,
} from './helper';

const BAD_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: bad-job
spec:
  template:
    spec:
      containers:
        - name: main
          image: busybox
      restartPolicy: Always
`;

const TYPO_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: typo-job
spec:
  backofLimit: 4
  template:
    spec:
      containers:
        - name: main
          image: busybox
      restartPolicy: Never
`;

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

function labels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

suite('The API rule in the editor', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('a Job with restartPolicy: Always shows the error on the value', async () => {
    const editor = await openNew('bad-job.yaml', BAD_JOB);
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'api-restart-policy'), 'api-restart-policy');
    const d = ds.find((x) => codeOf(x) === 'api-restart-policy')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const at = positionOf(editor.document, 'Always');
    assert.deepEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      [at.line, at.character, at.line, at.character + 'Always'.length],
      `range of ${describe([d])}`,
    );
    assert.match(d.message, /OnFailure/);
    assert.match(d.message, /Never/);
    assert.equal(errors(ds).length, 1, `only that error: ${describe(ds)}`);
  });

  test('its quick fix applies and the error goes away', async () => {
    const editor = await openNew('fix-job.yaml', BAD_JOB);
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'api-restart-policy'), 'api-restart-policy');
    const d = ds.find((x) => codeOf(x) === 'api-restart-policy')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fixes = (actions ?? []).filter((a) => a.kind?.value.startsWith('quickfix') && a.edit);
    assert.ok(fixes.length > 0, `no quick fix offered; actions: ${(actions ?? []).map((a) => a.title).join(', ')}`);
    const preferred = fixes.find((a) => a.isPreferred) ?? fixes[0];
    assert.match(preferred.title, /restartPolicy/);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!), 'applyEdit failed');
    assert.match(editor.document.getText(), /restartPolicy: (OnFailure|Never)/);
    await waitForDiagnostics(uri, (x) => errors(x).length === 0, 'no errors after the quick fix');
  });

  test('a typo gets a did-you-mean rename fix', async () => {
    const editor = await openNew('typo-job.yaml', TYPO_JOB);
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-field'), 'unknown-field');
    const d = ds.find((x) => codeOf(x) === 'unknown-field')!;
    assert.equal(editor.document.getText(d.range), 'backofLimit');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const rename = (actions ?? []).find((a) => a.edit && /backoffLimit/.test(a.title));
    assert.ok(rename, `no rename fix; actions: ${(actions ?? []).map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(rename.edit!));
    await waitForDiagnostics(uri, (x) => errors(x).length === 0, 'no errors after the rename');
    assert.match(editor.document.getText(), /^ {2}backoffLimit: 4$/m);
  });
});

suite('Settings', () => {
  suiteSetup(activate);
  teardown(async () => {
    const config = vscode.workspace.getConfiguration('workloadLens');
    await config.update('validate.rules', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('validate.enable', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  test('workloadLens.validate.rules can turn a rule off, and back on', async () => {
    const editor = await openNew('setting-job.yaml', BAD_JOB);
    const uri = editor.document.uri;
    const has = (d: vscode.Diagnostic[]) => d.some((x) => codeOf(x) === 'api-restart-policy');
    await waitForDiagnostics(uri, has, 'api-restart-policy before the setting');
    const config = vscode.workspace.getConfiguration('workloadLens');
    await config.update('validate.rules', { 'api-restart-policy': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (d) => !has(d), 'api-restart-policy to disappear with the rule off');
    await config.update('validate.rules', { 'api-restart-policy': 'warning' }, vscode.ConfigurationTarget.Workspace);
    const ds = await waitForDiagnostics(uri, has, 'api-restart-policy back as a warning');
    assert.equal(ds.find((x) => codeOf(x) === 'api-restart-policy')!.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('workloadLens.validate.enable: false silences the checks', async () => {
    const editor = await openNew('setting-off-job.yaml', BAD_JOB);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => errors(d).length > 0, 'the error before the setting');
    await vscode.workspace.getConfiguration('workloadLens').update('validate.enable', false, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (d) => errors(d).length === 0, 'no errors with validation off');
  });
});

suite('Hover and completion', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('hover on the schedule shows its meaning and the next runs', async () => {
    const editor = await open(docUri('hello-cronjob.yaml'));
    await settledDiagnostics(editor);
    const at = positionOf(editor.document, '*/1 * * * *', 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const text = hoverText(hovers ?? []);
    assert.match(text, /every minute/i, text);
    assert.match(text, /next \d+ runs/i, text);
    const times = text.match(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g) ?? [];
    assert.ok(times.length >= 3, `next run times listed: ${text}`);
    assert.ok(times.every((t, i) => i === 0 || t > times[i - 1]), `runs in order: ${times.join(', ')}`);
  });

  test('hover on a field explains it with its path', async () => {
    const editor = await open(docUri('hello-job.yaml'));
    const at = positionOf(editor.document, 'backoffLimit', 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const text = hoverText(hovers ?? []);
    assert.match(text, /spec\.backoffLimit/, text);
    assert.match(text, /integer/, text);
  });

  test('completion offers the keys of a Job spec', async () => {
    const editor = await openNew('complete-job.yaml', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: c\nspec:\n  \n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(5, 2));
    const got = labels(list);
    for (const key of ['backoffLimit', 'completions', 'parallelism', 'template', 'ttlSecondsAfterFinished']) {
      assert.ok(got.includes(key), `"${key}" missing from ${got.slice(0, 40).join(', ')}`);
    }
    assert.ok(!got.includes('schedule'), 'a Job spec has no schedule');
  });

  test('completion offers the allowed restartPolicy values of a Job', async () => {
    const editor = await openNew('complete-policy.yaml', BAD_JOB.replace('restartPolicy: Always', 'restartPolicy: '));
    const at = positionOf(editor.document, 'restartPolicy: ', 'restartPolicy: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
    const got = labels(list);
    assert.ok(got.includes('Never') && got.includes('OnFailure'), `values: ${got.join(', ')}`);
  });
});

suite('Snippets', () => {
  suiteSetup(activate);
  teardown(closeAll);

  const ext = () => vscode.extensions.getExtension(EXTENSION_ID)!;
  const snippetFiles = () =>
    ((ext().packageJSON.contributes?.snippets ?? []) as Array<{ path: string }>).map((s) => path.join(ext().extensionPath, s.path));

  test('the extension contributes snippets', () => {
    const files = snippetFiles();
    assert.ok(files.length > 0);
    for (const f of files) assert.ok(fs.existsSync(f), `${f} is missing`);
  });

  test('each snippet inserts and checks clean (no errors, no warnings)', async () => {
    let n = 0;
    for (const file of snippetFiles()) {
      const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[] }>;
      for (const [name, s] of Object.entries(snippets)) {
        const editor = await openNew(`snippet-${n++}.yaml`, '');
        const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
        assert.ok(await editor.insertSnippet(new vscode.SnippetString(body)), `inserting "${name}" failed`);
        const ds = await settledDiagnostics(editor);
        const bad = ds.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
        assert.deepEqual(bad, [], `snippet "${name}" is not clean:\n  ${describe(ds)}\n---\n${editor.document.getText()}`);
        await closeAll();
      }
    }
    assert.ok(n >= 3, `only ${n} snippets`);
  });
});

suite('Commands and panels', () => {
  suiteSetup(activate);
  teardown(closeAll);

  async function until(cond: () => boolean, what: string): Promise<void> {
    const by = Date.now() + 10_000;
    while (!cond()) {
      if (Date.now() > by) {
        const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label} (${t.input instanceof vscode.TabInputWebview ? t.input.viewType : 'text'})`);
        assert.fail(`timed out waiting for ${what}; tabs: ${tabs.join(', ')}`);
      }
      await sleep(100);
    }
  }

  function webviewTabs(viewType: string): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(viewType));
  }

  test('Preview CronJob Runs opens its panel with the lesson schedule', async () => {
    const editor = await open(docUri('hello-cronjob.yaml'));
    editor.selection = new vscode.Selection(positionOf(editor.document, 'schedule'), positionOf(editor.document, 'schedule'));
    const result = await vscode.commands.executeCommand<CronPreviewResponse | undefined>('workloadLens.previewCronRuns');
    assert.ok(result, 'the command returned nothing');
    assert.equal(result.valid, true, result.error);
    assert.equal(result.schedule, '*/1 * * * *');
    assert.equal(result.name, 'hello-cronjob');
    assert.match(result.description ?? '', /every minute/i);
    const n = vscode.workspace.getConfiguration('workloadLens').get<number>('cron.previewCount', 10);
    assert.equal(result.runs.length, n);
    await until(() => webviewTabs('cronPreview').some((t) => t.label.includes('hello-cronjob')), 'the cron preview panel tab titled with the CronJob');
  });

  test('Simulate Pod Placement opens its panel: the lesson DaemonSet runs on all 3 kind nodes', async () => {
    const editor = await open(docUri('log-collector-daemonset.yaml'));
    editor.selection = new vscode.Selection(positionOf(editor.document, 'tolerations'), positionOf(editor.document, 'tolerations'));
    const result = await vscode.commands.executeCommand<{ placement: PlacementResponse } | undefined>('workloadLens.simulatePlacement');
    assert.ok(result?.placement, 'the command returned nothing');
    const placement = result.placement;
    if (placement.error !== undefined) assert.fail(placement.error);
    assert.equal(placement.workload, 'DaemonSet/log-collector');
    assert.equal(placement.counts.nodes, 3);
    assert.equal(placement.counts.scheduled, 3, placement.summary);
    await until(() => webviewTabs('placement').some((t) => t.label.includes('log-collector')), 'the placement panel tab titled with the DaemonSet');
  });
});

suite('Job simulation in the placement panel', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('the lesson Job: 2 pods in parallel, complete at +10 s, deleted 60 s later', async () => {
    const editor = await open(docUri('hello-job.yaml'));
    editor.selection = new vscode.Selection(positionOf(editor.document, 'completions'), positionOf(editor.document, 'completions'));
    const result = await vscode.commands.executeCommand<{ placement: PlacementResponse; simulation?: SimulateResponse } | undefined>('workloadLens.simulatePlacement');
    const sim = result?.simulation;
    assert.ok(sim, 'no simulation for a Job');
    if (sim.error !== undefined) assert.fail(sim.error);
    assert.equal(sim.kind, 'Job');
    if (sim.kind !== 'Job') return;
    assert.equal(sim.job.outcome, 'Complete');
    assert.equal(sim.job.succeeded, 2);
    assert.equal(sim.job.pods.length, 2);
    assert.equal(sim.job.finishedAt, 10);
    assert.equal(sim.job.deletedAt, 70);
  });
});

suite('Code lens, outline and lint suppression', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('a code lens above the schedule gives its meaning and next run, and opens the preview', async () => {
    const editor = await open(docUri('hello-cronjob.yaml'));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
    const cron = lenses.filter((l) => l.command?.command === 'workloadLens.previewCronRuns');
    assert.equal(cron.length, 1, `lenses: ${lenses.map((l) => l.command?.title).join(' | ')}`);
    const lens = cron[0];
    assert.equal(lens.range.start.line, positionOf(editor.document, 'schedule:').line);
    assert.match(lens.command!.title, /^Every minute · next \d{2}:\d{2}/);
    const result = await vscode.commands.executeCommand<CronPreviewResponse | undefined>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(result?.schedule, '*/1 * * * *');
  });

  test('the outline names each workload', async () => {
    const editor = await open(docUri('log-collector-daemonset.yaml'));
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri)) ?? [];
    const names = symbols.map((s) => s.name);
    assert.ok(names.some((n) => n.includes('DaemonSet') && n.includes('log-collector')), `symbols: ${names.join(', ')}`);
  });

  test('a lint can be silenced for one line with its quick fix', async () => {
    const editor = await openNew('lint-job.yaml', BAD_JOB.replace('restartPolicy: Always', 'restartPolicy: Never'));
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'lint-image-tag'), 'lint-image-tag');
    const d = ds.find((x) => codeOf(x) === 'lint-image-tag')!;
    assert.notEqual(d.severity, vscode.DiagnosticSeverity.Error, 'a lint is never an error');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const disable = actions.find((a) => a.edit && /disable/i.test(a.title) && /lint-image-tag/.test(a.title));
    assert.ok(disable, `no disable fix; actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(disable.edit!));
    await waitForDiagnostics(uri, (x) => !x.some((y) => codeOf(y) === 'lint-image-tag'), 'lint-image-tag silenced');
  });
});

suite('Files as people write them', () => {
  suiteSetup(activate);
  teardown(async () => {
    await vscode.workspace.getConfiguration('workloadLens').update('placement.nodesFile', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('workloadLens').update('cron.codeLens', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  test('in a multi-document file the error lands in the right document', async () => {
    const text = `${fs.readFileSync(docUri('hello-cronjob.yaml').fsPath, 'utf8').trimEnd()}\n---\n${BAD_JOB}`;
    const editor = await openNew('multi.yaml', text);
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'api-restart-policy'), 'api-restart-policy');
    const d = ds.find((x) => codeOf(x) === 'api-restart-policy')!;
    const at = positionOf(editor.document, 'restartPolicy: Always', 'restartPolicy: '.length);
    assert.deepEqual([d.range.start.line, d.range.start.character], [at.line, at.character]);
    assert.equal(errors(ds).length, 1, describe(ds));
  });

  test('an untitled YAML buffer is checked too', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: BAD_JOB });
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'api-restart-policy'), 'api-restart-policy in an untitled buffer');
    assert.equal(doc.uri.scheme, 'untitled');
    assert.ok(ds.length > 0);
  });

  test('a Helm template is not flagged', async () => {
    const editor = await openNew('templated.yaml', BAD_JOB);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => errors(d).length > 0, 'the error while the file is plain YAML');
    const name = positionOf(editor.document, 'bad-job');
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(name, name.translate(0, 'bad-job'.length)), '{{ .Release.Name }}-job')));
    await waitForDiagnostics(uri, (d) => errors(d).length === 0, 'no errors once it is a Helm template');
  });

  test('workloadLens.cron.codeLens: false removes the schedule lens', async () => {
    const editor = await open(docUri('hello-cronjob.yaml'));
    const lenses = async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? []).filter((l) => l.command?.command === 'workloadLens.previewCronRuns');
    assert.equal((await lenses()).length, 1);
    await vscode.workspace.getConfiguration('workloadLens').update('cron.codeLens', false, vscode.ConfigurationTarget.Workspace);
    const by = Date.now() + 10_000;
    while ((await lenses()).length && Date.now() < by) await sleep(200);
    assert.equal((await lenses()).length, 0, 'the lens is still there');
  });

  test('workloadLens.placement.nodesFile: placement uses the nodes of that file', async () => {
    const nodes = ['a', 'b']
      .map((n) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${n}\n  labels:\n    kubernetes.io/hostname: node-${n}\nstatus:\n  allocatable:\n    cpu: "2"\n    memory: 4Gi\n    pods: "110"\n`)
      .join('---\n');
    await vscode.workspace.fs.writeFile(docUri('my-nodes.yaml'), Buffer.from(nodes, 'utf8'));
    await vscode.workspace.getConfiguration('workloadLens').update('placement.nodesFile', 'my-nodes.yaml', vscode.ConfigurationTarget.Workspace);
    const editor = await open(docUri('log-collector-daemonset.yaml'));
    editor.selection = new vscode.Selection(positionOf(editor.document, 'containers'), positionOf(editor.document, 'containers'));
    const result = await vscode.commands.executeCommand<{ placement: PlacementResponse } | undefined>('workloadLens.simulatePlacement');
    const placement = result?.placement;
    assert.ok(placement, 'no placement');
    if (placement.error !== undefined) assert.fail(placement.error);
    assert.deepEqual(placement.nodes.map((n) => n.node).sort(), ['node-a', 'node-b']);
    assert.equal(placement.counts.scheduled, 2, placement.summary);
    assert.ok(placement.nodeSources.some((s) => s.includes('my-nodes.yaml')), `sources: ${placement.nodeSources.join(', ')}`);
  });
});

suite('Cron settings', () => {
  suiteSetup(activate);
  teardown(async () => {
    await vscode.workspace.getConfiguration('workloadLens').update('cron.previewCount', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  test('workloadLens.cron.previewCount sets how many runs the preview lists', async () => {
    await vscode.workspace.getConfiguration('workloadLens').update('cron.previewCount', 3, vscode.ConfigurationTarget.Workspace);
    const editor = await open(docUri('hello-cronjob.yaml'));
    editor.selection = new vscode.Selection(positionOf(editor.document, 'schedule'), positionOf(editor.document, 'schedule'));
    const result = await vscode.commands.executeCommand<CronPreviewResponse | undefined>('workloadLens.previewCronRuns');
    assert.equal(result?.runs.length, 3);
    const gaps = result!.runs.map((r, i, all) => (i ? Date.parse(r.iso) - Date.parse(all[i - 1].iso) : 60_000));
    assert.deepEqual(gaps, [60_000, 60_000, 60_000], 'every minute');
  });
});
