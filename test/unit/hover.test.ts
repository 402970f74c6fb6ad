import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { hoverAt, type HoverContext } from '../../server/src/core/explain/hover';
import { caret } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';

function hover(withCaret: string, extensions: Parameters<typeof hoverAt>[2] = []) {
  const c = caret(withCaret);
  return hoverAt(parseWorkloadFile(c.text), c.offset, extensions);
}

describe('hover core', () => {
  test('in the third document of a file, with a non-workload document between', () => {
    const text = `${lesson.daemonset()}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n---\n${lesson.cronjob().replace('concurrencyPolicy', 'x').replace('  jobTemplate:', '  concurrencyPolicy: Forb|id\n  jobTemplate:')}`;
    const h = hover(text)!;
    assert.equal(h.path, 'spec.concurrencyPolicy');
    assert.match(h.markdown, /`Forbid` — Skip the new run while the previous Job is still running/);
    assert.equal(hover(`${lesson.daemonset()}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a|: b\n`), undefined);
  });

  test('the hover range is the word under the cursor, in file offsets', () => {
    const c = caret(`${lesson.job()}---\n${lesson.cronjob().replace('schedule:', 'sche|dule:')}`);
    const h = hoverAt(parseWorkloadFile(c.text), c.offset)!;
    assert.equal(c.text.slice(h.start, h.end), 'schedule');
  });

  test('flow style keys and values', () => {
    const h = hover('apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: b, resources: {limits: {memory: 1G|i}}}]\n')!;
    assert.equal(h.path, 'spec.template.spec.containers[0].resources.limits[memory]');
    assert.match(h.markdown, /`1Gi` = 1,073,741,824 bytes/);
  });

  test('an unknown field is named as such', () => {
    const h = hover('apiVersion: batch/v1\nkind: Job\nspec:\n  backofLim|it: 3\n')!;
    assert.match(h.markdown, /not a field of `JobSpec`/);
  });

  test('a wrongly cased enum value is pointed at its right spelling', () => {
    const h = hover('apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      restartPolicy: onFail|ure\n')!;
    assert.match(h.markdown, /letter case matters: `OnFailure`/);
  });

  test('extensions add sections; a failing one is skipped', () => {
    const seen: HoverContext[] = [];
    const h = hover(lesson.cronjob().replace('schedule:', 'schedule|:'), [
      (ctx) => {
        seen.push(ctx);
        return ctx.segs.join('.') === 'spec.schedule' ? '**Runs every minute**' : undefined;
      },
      () => {
        throw new Error('boom');
      },
    ])!;
    assert.match(h.markdown, /\*\*Runs every minute\*\*/);
    assert.equal(seen[0].kind, 'CronJob');
    assert.equal(seen[0].onKey, true);
    assert.ok(h.markdown.indexOf('Runs every minute') < h.markdown.indexOf('API reference'));
  });

  test('the kubectl-style path uses brackets for free-form keys', () => {
    const h = hover(lesson.daemonset().replace('  labels:\n    app: log-collector', '  labels:\n    ap|p: log-collector'))!;
    assert.equal(h.path, 'metadata.labels[app]');
    assert.match(h.markdown, /One label/);
  });
});

test('on the dash of a list item: the item itself', () => {
  const h = hover(lesson.daemonset().replace('        - key: "node-role', '        |- key: "node-role'))!;
  assert.equal(h.path, 'spec.template.spec.tolerations[0]');
  assert.match(h.markdown, /— `Toleration`/);
  assert.match(h.markdown, /One toleration/);
  const c = hover(lesson.job().replace('        - name: hello', '        -| name: hello'))!;
  assert.equal(c.path, 'spec.template.spec.containers[0]');
  assert.match(c.markdown, /One container of the pod/);
});

test('well-known taint keys are explained as values', () => {
  const h = hover(lesson.daemonset().replace('key: "node-role.kubernetes.io/control-plane"', 'key: "node-role.kubernetes.io/control|-plane"'))!;
  assert.match(h.markdown, /`node-role\.kubernetes\.io\/control-plane` — The taint kubeadm and kind put on control-plane nodes/);
});

test('an item of a list of strings is explained by its list', () => {
  const h = hover(lesson.job().replace('command: ["bin/sh"', 'command: ["bin/s|h"'))!;
  assert.equal(h.path, 'spec.template.spec.containers[0].command[0]');
  assert.match(h.markdown, /In short\.\*\* The program to run/);
});

describe('numbers explained with their neighbours', () => {
  const value = (withCaret: string) => /\*\*This value\.\*\* ([^\n]*)/.exec(hover(withCaret)?.markdown ?? '')?.[1];
  test('backoffLimit: the Job fails at the pod after the last retry (Never) or after that many restarts (OnFailure)', () => {
    assert.match(value(lesson.job().replace('backoffLimit: 4', 'backoffLimit: |4'))!, /first try plus up to 4 retries — the Job is marked Failed when its 5th pod fails/);
    assert.match(value(lesson.job().replace('backoffLimit: 4', 'backoffLimit: |0'))!, /first failed pod fails the Job/);
    const onFailure = lesson.job().replace('restartPolicy: Never', 'restartPolicy: OnFailure').replace('backoffLimit: 4', 'backoffLimit: |3');
    assert.match(value(onFailure)!, /restarted 3 times in total/);
  });
  test('completions and parallelism together', () => {
    assert.match(value(lesson.job().replace('completions: 2', 'completions: |2'))!, /`2` successful pods needed; with parallelism 2 both run at once/);
    assert.match(value(lesson.job().replace('completions: 2', 'completions: |5').replace('parallelism: 2', 'parallelism: 2'))!, /up to 2 run at once, so at least 3 rounds/);
    assert.match(value(lesson.cronjob().replace('parallelism: 2', 'parallelism: |4'))!, /up to 2 pods at once \(never more than the 2 completions still needed\)/);
    assert.match(value('apiVersion: batch/v1\nkind: Job\nspec:\n  parallelism: |3\n')!, /work queue/);
  });
  test('seconds in words', () => {
    assert.match(value(lesson.job().replace('ttlSecondsAfterFinished: 60', 'ttlSecondsAfterFinished: |90000'))!, /`90000` seconds = 1 day 1 hour/);
  });
});

test('rolling update pacing in nodes: percentages rounded up', () => {
  const text = 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2|5%\n';
  assert.match(hover(text)!.markdown, /`25%` of the nodes that should run this pod, rounded up \(1 of 3, 3 of 10, 25 of 100\)/);
});

test('image references spelled out, with the pull policy they imply', () => {
  const bare = hover(lesson.job().replace('image: busybox', 'image: busy|box'))!.markdown;
  assert.match(bare, /`busybox` has no tag, so `docker\.io\/library\/busybox:latest` is used/);
  assert.match(bare, /pulls it every time a container starts \(Always\)/);
  const tagged = hover('apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: registry.k8s.io/pau|se:3.10\n')!.markdown;
  assert.match(tagged, /`registry\.k8s\.io\/pause:3\.10` = `registry\.k8s\.io\/pause:3\.10`\. With no imagePullPolicy, the kubelet pulls it only if the node does not have it yet/);
  const digest = hover('apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: nginx@sha256:ab|cd\n')!.markdown;
  assert.match(digest, /pinned to a digest/);
});
