import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient, caret } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';

/** The lesson manifest with a caret put inside the first occurrence of `marked` (which contains `|`). */
function at(text: string, marked: string): ReturnType<typeof caret> {
  const plain = marked.replace('|', '');
  const index = text.indexOf(plain);
  assert.ok(index >= 0, `fixture has ${plain}`);
  return caret(text.slice(0, index) + marked + text.slice(index + plain.length));
}

describe('hover over LSP on the lesson manifests', () => {
  let client: LspTestClient;
  let n = 0;
  before(async () => {
    client = new LspTestClient();
    const init = await client.initialize();
    assert.equal(init.capabilities.hoverProvider, true);
  });
  after(async () => {
    if (client.process.exitCode === null) await client.shutdown();
  });

  async function hover(text: string, marked: string): Promise<{ value: string; hover: Hover | null; c: ReturnType<typeof caret> }> {
    const c = at(text, marked);
    const uri = `file:///hover-${n++}.yaml`;
    client.open(uri, c.text);
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: c.line, character: c.character } });
    return { value: result ? (result.contents as MarkupContent).value : '', hover: result, c };
  }

  test('DaemonSet kind: one pod per node, in our words, with the API reference', async () => {
    const { value } = await hover(lesson.daemonset(), 'kind: Daemon|Set');
    assert.match(value, /\*\*kind\*\*/);
    assert.match(value, /In short\.\*\* A DaemonSet keeps one copy of its pod on every node/);
    assert.match(value, /API reference/);
    assert.match(value, /kubernetes\.io\/docs\/reference\/kubernetes-api\/workload-resources\/daemon-set-v1\//);
  });

  test('toleration operator Exists: path, default, enum and the value explained', async () => {
    const { value, hover: h, c } = await hover(lesson.daemonset(), 'operator: "Ex|ists"');
    assert.match(value, /\*\*spec\.template\.spec\.tolerations\[0\]\.operator\*\*/);
    assert.match(value, /default: `Equal`/);
    assert.match(value, /This value\.\*\* `Exists` — Matches any value of the key/);
    assert.match(value, /Toleration/);
    assert.equal(h!.range!.start.line, c.line);
  });

  test('hovering the key names the field, not a value', async () => {
    const { value } = await hover(lesson.daemonset(), 'tol|erations:');
    assert.match(value, /\*\*spec\.template\.spec\.tolerations\*\* — `\[\]Toleration`/);
    assert.match(value, /control-plane/);
    assert.doesNotMatch(value, /This value/);
  });

  test('taint effect value NoSchedule is explained', async () => {
    const { value } = await hover(lesson.daemonset(), 'effect: "NoSch|edule"');
    assert.match(value, /`NoSchedule` — New pods that do not tolerate the taint are not placed on the node/);
  });

  test('quantities in plain numbers: 50m CPU and 50Mi memory', async () => {
    const cpu = await hover(lesson.daemonset(), 'cpu: "5|0m"');
    assert.match(cpu.value, /resources\.requests\[cpu\]/);
    assert.match(cpu.value, /`50m` = 0\.05 CPU \(50 millicores/);
    const memory = await hover(lesson.daemonset(), 'memory: "50|Mi"');
    assert.match(memory.value, /`50Mi` = 52,428,800 bytes/);
    const limit = await hover(lesson.daemonset(), 'memory: "100|Mi"');
    assert.match(limit.value, /resources\.limits\[memory\]/);
    assert.match(limit.value, /`100Mi` = 104,857,600 bytes/);
  });

  test('hostPath type Directory: what must exist on the node', async () => {
    const { value } = await hover(lesson.daemonset(), 'type: Dir|ectory');
    assert.match(value, /volumes\[0\]\.hostPath\.type/);
    assert.match(value, /A directory must already exist at the path/);
  });

  test('Job restartPolicy Never: who retries what', async () => {
    const { value } = await hover(lesson.job(), 'restartPolicy: Nev|er');
    assert.match(value, /\*\*spec\.template\.spec\.restartPolicy\*\*/);
    assert.match(value, /kubelet restarts containers inside the same pod/);
    assert.match(value, /`Never` — If the container fails, the kubelet leaves it stopped .* Job controller then creates a new pod/);
  });

  test('Job completions, parallelism, backoffLimit, ttlSecondsAfterFinished', async () => {
    const completions = await hover(lesson.job(), 'comp|letions: 2');
    assert.match(completions.value, /\*\*spec\.completions\*\* — `integer \(int32\)`/);
    assert.match(completions.value, /must finish successfully/);
    const parallelism = await hover(lesson.job(), 'para|llelism: 2');
    assert.match(parallelism.value, /at the same time/);
    const backoff = await hover(lesson.job(), 'backoff|Limit: 4');
    assert.match(backoff.value, /default: `6`/);
    assert.match(backoff.value, /Job controller/);
    const ttl = await hover(lesson.job(), 'ttlSeconds|AfterFinished: 60');
    assert.match(ttl.value, /deleted, and its pods with it/);
  });

  test('CronJob: schedule, jobTemplate and the job template fields', async () => {
    const schedule = await hover(lesson.cronjob(), 'sche|dule:');
    assert.match(schedule.value, /\*\*spec\.schedule\*\* — `string` · \*\*required\*\*/);
    assert.match(schedule.value, /five-field cron/);
    const template = await hover(lesson.cronjob(), 'jobTem|plate:');
    assert.match(template.value, /Each run is a new Job/);
    const backoff = await hover(lesson.cronjob(), 'backoff|Limit: 4');
    assert.match(backoff.value, /\*\*spec\.jobTemplate\.spec\.backoffLimit\*\*/);
    const restart = await hover(lesson.cronjob(), 'restartPolicy: Nev|er');
    assert.match(restart.value, /spec\.jobTemplate\.spec\.template\.spec\.restartPolicy/);
    assert.match(restart.value, /Only `Never` or `OnFailure` are accepted here/);
  });

  test('CronJob schedule and timeZone hovers carry the cron sections (next runs, zone) after our In short', async () => {
    const schedule = await hover(lesson.cronjob(), 'schedule: "*/|1 * * * *"');
    assert.match(schedule.value, /\*\*spec\.schedule\*\*/);
    assert.match(schedule.value, /Next 5 runs:/);
    assert.ok(schedule.value.indexOf('In short') < schedule.value.indexOf('Next 5 runs'));
    assert.ok(schedule.value.indexOf('Next 5 runs') < schedule.value.indexOf('API reference'));
    const zone = await hover(lesson.cronjob().replace('  jobTemplate:', '  timeZone: Europe/Berlin\n  jobTemplate:'), 'timeZone: Europe/Ber|lin');
    assert.match(zone.value, /\*\*spec\.timeZone\*\*/);
    assert.match(zone.value, /\*\*Europe\/Berlin\*\*: now/);
  });

  test('nothing for YAML that is not a DaemonSet, Job or CronJob', async () => {
    const { hover: h } = await hover('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n', 'repl|icas');
    assert.equal(h, null);
  });

  test('comments and blank space get no hover', async () => {
    const { hover: h } = await hover(lesson.job(), '# Total number of successful| Pod');
    assert.equal(h, null);
  });
});
