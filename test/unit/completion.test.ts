import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { completionsAt, type CoreCompletionItem } from '../../server/src/core/explain/completion';
import { checkFile } from '../../server/src/core/diagnostics';
import { caret } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';

function complete(withCaret: string): { items: CoreCompletionItem[]; text: string; offset: number } {
  const c = caret(withCaret);
  const items = completionsAt(parseWorkloadFile(c.text), c.offset);
  return { items: [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)), text: c.text, offset: c.offset };
}
const labels = (items: CoreCompletionItem[]) => items.map((i) => i.label);

/** Expands a snippet with every placeholder at its default (first choice), drops $0. */
function expand(snippet: string): string {
  let out = snippet;
  for (let i = 0; i < 5; i++) out = out.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1');
  return out.replace(/\$\d+/g, '');
}

/** Applies an item as an editor would: the main edit with the line's indentation, plus its extra edits. */
function apply(text: string, item: CoreCompletionItem): string {
  const lineStart = text.lastIndexOf('\n', item.start - 1) + 1;
  const indent = /^\s*/.exec(text.slice(lineStart, item.start))![0].replace(/-/g, ' ');
  const main = expand(item.insertText).split('\n').map((l, i) => (i === 0 || !l ? l : indent + l)).join('\n');
  const edits = [{ start: item.start, end: item.end, newText: main }, ...(item.additionalEdits ?? []).map((e) => ({ ...e, newText: expand(e.newText) }))];
  edits.sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

describe('completion core', () => {
  test('nested lists: a dash under volumeMounts continues the mounts, not the containers', () => {
    const { items } = complete(lesson.daemonset().replace('              mountPath: /var/log\n', '              mountPath: /var/log\n            - |\n'));
    assert.ok(labels(items).includes('mountPath'));
    assert.ok(labels(items).includes('readOnly'));
    assert.ok(!labels(items).includes('image'));
  });

  test('a dash at the containers level starts a new container: name (required) first', () => {
    const { items } = complete(lesson.job().replace('      restartPolicy: Never', '        - |\n      restartPolicy: Never'));
    assert.equal(items[0].label, 'name');
    assert.ok(labels(items).includes('image'));
  });

  test('no dash under an empty list field: items get a dash', () => {
    const { items } = complete('apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      tolerations:\n        |\n');
    const op = items.find((i) => i.label === 'operator')!;
    assert.match(op.insertText, /^- operator: /);
  });

  test('an empty object field: its keys, indented under it', () => {
    const { items } = complete('apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: b\n          resources:\n            |\n');
    assert.deepEqual(labels(items).filter((l) => !l.includes(' ')), ['claims', 'limits', 'requests']);
  });

  test('indentation decides the parent: dedenting to the job spec level', () => {
    const { items } = complete(lesson.job().replace('  backoffLimit: 4\n', '  backoffLimit: 4\n  |\n'));
    assert.ok(labels(items).includes('activeDeadlineSeconds'));
    assert.ok(!labels(items).includes('backoffLimit'));
  });

  test('comments get no completion', () => {
    assert.deepEqual(complete(lesson.job().replace('# Total number', '# Total| number')).items, []);
  });

  test('a value at a free-form map key: quantities for cpu', () => {
    const { items } = complete(lesson.daemonset().replace('cpu: "50m"', 'cpu: |'));
    assert.deepEqual(labels(items), ['50m', '100m', '250m', '500m', '1']);
  });

  test('schedule values are inserted quoted', () => {
    const { items } = complete('apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: |\n');
    assert.equal(items[0].insertText, '"*/5 * * * *"');
  });

  test('every key completion in the lesson pod specs, applied with its defaults, still parses', () => {
    for (const base of [lesson.daemonset(), lesson.job()]) {
      const marked = base.replace('      containers:', '      |\n      containers:');
      const { items, text } = complete(marked);
      for (const item of items) {
        const out = apply(text, item);
        const file = parseWorkloadFile(out);
        assert.deepEqual(file.docs[0].doc.syntax.filter((s) => s.severity === 'error').map((s) => s.message), [], item.label);
      }
    }
  });

  test('blocks keep the manifest free of errors: tolerations, affinity, resources, volume with its mount', () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n        - name: agent\n          image: busybox:1.36\n          |\n';
    const { items, text: plain } = complete(text);
    const mount = items.find((i) => i.label.startsWith('volumeMounts: hostPath'))!;
    const resources = items.find((i) => i.label.startsWith('resources:'))!;
    for (const item of [mount, resources]) {
      const out = apply(plain, item);
      const errors = checkFile(parseWorkloadFile(out)).filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((e) => `${e.code} ${e.path} ${e.message}`), [], `${item.label}:\n${out}`);
    }
    const withMount = apply(plain, mount);
    assert.match(withMount, /volumeMounts:\n {12}- name: varlog\n {14}mountPath: \/var\/log/);
    assert.match(withMount, /\n {6}volumes:\n {8}- name: varlog\n {10}hostPath:\n {12}path: \/var\/log\n {12}type: Directory\n/);

    const podLevel = complete(plain.replace('      containers:', '      |\n      containers:'));
    for (const label of ['tolerations: control-plane', 'tolerations: every taint (like kube-proxy)', 'affinity: required node affinity', 'volumes: hostPath']) {
      const item = podLevel.items.find((i) => i.label === label)!;
      assert.ok(item, label);
      const out = apply(podLevel.text, item);
      const errors = checkFile(parseWorkloadFile(out)).filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((e) => `${e.code} ${e.path} ${e.message}`), [], `${label}:\n${out}`);
    }
  });

  test('a second mount reuses nothing: the new volume gets a fresh name and joins the existing list', () => {
    const { items, text } = complete(lesson.daemonset().replace('          volumeMounts:\n            - name: varlog\n              mountPath: /var/log\n', '').replace('          image: busybox', '          |\n          image: busybox'));
    const mount = items.find((i) => i.label.startsWith('volumeMounts: hostPath'))!;
    const out = apply(text, mount);
    assert.match(out, /- name: varlog-2\n {10}hostPath:/);
    assert.deepEqual(checkFile(parseWorkloadFile(out)).filter((d) => d.severity === 'error'), []);
  });
});

test('kind typed before apiVersion: apiVersion is offered with the right value, and the kind\'s keys', () => {
  const keys = complete('kind: CronJob\n|\n').items;
  const api = keys.find((i) => i.label === 'apiVersion')!;
  assert.ok(api);
  assert.equal(api.insertText, 'apiVersion: ${1:batch/v1}');
  assert.ok(labels(keys).includes('spec'));
  assert.deepEqual(labels(complete('kind: DaemonSet\napiVersion: |\n').items), ['apps/v1']);
  assert.deepEqual(labels(complete('apiVersion: batch/v1\n|\n').items), ['kind']);
});

test('inside an existing key with its value: only the name is replaced', () => {
  const { items, text } = complete(lesson.job().replace('  completions: 2', '  compl|etions: 2'));
  const mode = items.find((i) => i.label === 'completionMode')!;
  assert.equal(mode.insertText, 'completionMode');
  assert.equal(mode.snippet, false);
  assert.equal(text.slice(mode.start, mode.end), 'completions');
  assert.ok(items.every((i) => i.kind === 'property'));
});

test('node affinity keys and host paths are offered as values', () => {
  const affinity = complete('apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: |\n').items;
  assert.equal(affinity[0].label, 'kubernetes.io/os');
  const paths = complete(lesson.daemonset().replace('path: /var/log', 'path: |')).items;
  assert.equal(paths[0].label, '/var/log');
  assert.match(paths[0].documentation ?? '', /log directory/);
});
