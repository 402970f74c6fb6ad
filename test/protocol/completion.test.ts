import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { InsertTextFormat, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, caret } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';

/** The text with `plain` (first occurrence) replaced by `marked`, which holds the caret `|`. */
function edit(text: string, plain: string, marked: string): string {
  const index = text.indexOf(plain);
  assert.ok(index >= 0, `fixture has ${plain}`);
  return text.slice(0, index) + marked + text.slice(index + plain.length);
}

describe('completion over LSP on the lesson manifests', () => {
  let client: LspTestClient;
  let n = 0;
  before(async () => {
    client = new LspTestClient();
    const init = await client.initialize();
    assert.ok(init.capabilities.completionProvider);
  });
  after(async () => {
    if (client.process.exitCode === null) await client.shutdown();
  });

  async function complete(textWithCaret: string): Promise<CompletionItem[]> {
    const c = caret(textWithCaret);
    const uri = `file:///completion-${n++}.yaml`;
    client.open(uri, c.text);
    const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: { line: c.line, character: c.character } });
    const items = Array.isArray(result) ? result : result?.items ?? [];
    return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  }
  const labels = (items: CompletionItem[]) => items.map((i) => i.label);

  test('an empty line in the pod spec offers the PodSpec keys that are not there yet', async () => {
    const items = await complete(edit(lesson.daemonset(), '      containers:', '      |\n      containers:'));
    const names = labels(items);
    for (const k of ['nodeSelector', 'affinity', 'restartPolicy', 'serviceAccountName', 'hostNetwork']) assert.ok(names.includes(k), `offers ${k}`);
    for (const k of ['tolerations', 'containers', 'volumes']) assert.ok(!names.includes(k), `does not offer present ${k}`);
    const restart = items.find((i) => i.label === 'restartPolicy')!;
    assert.equal(restart.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((restart.textEdit as TextEdit).newText, 'restartPolicy: ${1:Always}', 'a DaemonSet accepts only Always');
  });

  test('required keys come first: a new CronJob spec starts with jobTemplate and schedule', async () => {
    const items = await complete('apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: x\nspec:\n  |\n');
    assert.deepEqual(labels(items).slice(0, 2).sort(), ['jobTemplate', 'schedule']);
    assert.ok(labels(items).includes('concurrencyPolicy'));
    const policy = items.find((i) => i.label === 'concurrencyPolicy')!;
    assert.equal((policy.textEdit as TextEdit).newText, 'concurrencyPolicy: ${1|Allow,Forbid,Replace|}');
  });

  test('a half-typed key is completed from the same parent', async () => {
    const items = await complete(edit(lesson.job(), '  backoffLimit: 4', '  backoffLimit: 4\n  compl|'));
    assert.ok(labels(items).includes('completionMode'));
    assert.ok(!labels(items).includes('completions'), 'completions is already there');
    const mode = items.find((i) => i.label === 'completionMode')!;
    const range = (mode.textEdit as TextEdit).range;
    assert.equal(range.end.character - range.start.character, 5, 'replaces the typed word');
  });

  test('enum values: toleration effect, restartPolicy per kind, completionMode', async () => {
    assert.deepEqual(labels(await complete(edit(lesson.daemonset(), 'effect: "NoSchedule"', 'effect: |'))), ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
    assert.deepEqual(labels(await complete(edit(lesson.job(), 'restartPolicy: Never', 'restartPolicy: |'))), ['Never', 'OnFailure']);
    assert.deepEqual(labels(await complete(edit(lesson.cronjob(), 'restartPolicy: Never', 'restartPolicy: |'))), ['Never', 'OnFailure']);
    assert.deepEqual(labels(await complete(edit(lesson.job(), '  backoffLimit: 4', '  backoffLimit: 4\n  completionMode: |'))), ['NonIndexed', 'Indexed']);
  });

  test('booleans', async () => {
    assert.deepEqual(labels(await complete(edit(lesson.cronjob(), '  jobTemplate:', '  suspend: |\n  jobTemplate:'))), ['true', 'false']);
  });

  test('a new list item under tolerations offers toleration keys and whole tolerations', async () => {
    const items = await complete(edit(lesson.daemonset(), '          effect: "NoSchedule"', '          effect: "NoSchedule"\n        - |'));
    const names = labels(items);
    for (const k of ['key', 'operator', 'effect', 'tolerationSeconds', 'value', 'control-plane toleration', 'tolerate every taint']) assert.ok(names.includes(k), `offers ${k}`);
  });

  test('blocks: resources for a container without them, hostPath volume with its mount', async () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: busybox:1.36\n          |\n';
    const items = await complete(text);
    const resources = items.find((i) => i.label === 'resources: requests and limits');
    assert.ok(resources);
    assert.match((resources!.textEdit as TextEdit).newText, /requests:\n    cpu: \$\{1:50m\}/);
    const mount = items.find((i) => i.label.startsWith('volumeMounts: hostPath volume'));
    assert.ok(mount?.additionalTextEdits?.length, 'adds the volume to the pod');
    assert.match(mount!.additionalTextEdits![0].newText, /^ {6}volumes:\n {8}- name: varlog\n {10}hostPath:/m);
  });

  test('resource names under requests', async () => {
    const items = await complete(edit(lesson.daemonset(), '              memory: "50Mi"', '              memory: "50Mi"\n              |'));
    assert.deepEqual(labels(items), ['ephemeral-storage']);
  });

  test('flow style: keys and values inside { }', async () => {
    const keys = await complete('apiVersion: batch/v1\nkind: CronJob\nspec: {concurrencyPolicy: Forbid, |}\n');
    assert.ok(labels(keys).includes('schedule'));
    assert.ok(!labels(keys).includes('concurrencyPolicy'));
    const values = await complete('apiVersion: batch/v1\nkind: CronJob\nspec: {concurrencyPolicy: |}\n');
    assert.deepEqual(labels(values), ['Allow', 'Forbid', 'Replace']);
  });

  test('a new document offers apiVersion/kind pairs', async () => {
    const items = await complete(`${lesson.job()}---\n|`);
    assert.deepEqual(labels(items), ['apiVersion: apps/v1 · kind: DaemonSet', 'apiVersion: batch/v1 · kind: Job', 'apiVersion: batch/v1 · kind: CronJob']);
    assert.match((items[2].textEdit as TextEdit).newText, /^apiVersion: batch\/v1\nkind: CronJob\n/);
    assert.deepEqual(labels(await complete('apiVersion: batch/v1\nkind: |')), ['Job', 'CronJob']);
  });

  test('a typed space asks for values after `key: ` but not for keys in indentation', async () => {
    const ask = async (withCaret: string) => {
      const c = caret(withCaret);
      const uri = `file:///completion-${n++}.yaml`;
      client.open(uri, c.text);
      const result = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: c.line, character: c.character }, context: { triggerKind: 2, triggerCharacter: ' ' } });
      return result?.items.map((i) => i.label) ?? [];
    };
    assert.deepEqual(await ask(edit(lesson.job(), 'restartPolicy: Never', 'restartPolicy: |')), ['Never', 'OnFailure']);
    assert.deepEqual(await ask(edit(lesson.job(), '  backoffLimit: 4', '  backoffLimit: 4\n  |')), []);
  });

  test('nothing inside other kinds', async () => {
    assert.deepEqual(await complete('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |\n'), []);
  });
});
