// Precision as users see it in a terminal: real-world-like manifests get no errors and no advice that
// does not apply; `place` says when it is not using the user's nodes.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { LESSON_DIR, ROOT } from '../helpers/fixtures';
import { runCli } from '../helpers/cli';

const MANIFESTS = resolve(ROOT, 'test/fixtures/manifests');

const run = runCli;

interface Finding {
  file: string;
  severity: string;
  code: string;
  path: string | null;
  message: string;
}

describe('check on real-world-like manifests', () => {
  const r = run(['check', MANIFESTS, '--format', 'json']);
  const findings = JSON.parse(r.stdout) as Finding[];

  test('node agents, CNI, device plugin, Windows exporter, backups, migrations, indexed and sidecar Jobs: zero errors, exit 0', () => {
    assert.ok(readdirSync(MANIFESTS).filter((f) => f.endsWith('.yaml')).length >= 12);
    assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
    assert.equal(r.code, 0, r.stderr);
  });

  test('the Windows exporter gets no ClusterFirstWithHostNet advice and no control-plane note', () => {
    const windows = findings.filter((f) => f.file.endsWith('windows-exporter-daemonset.yaml'));
    assert.deepEqual(windows.filter((f) => f.code === 'lint-hostnetwork-dns' || f.code === 'lint-daemonset-control-plane'), []);
  });

  test('no readOnly advice for sockets, kubelet, CNI, /run, /dev and BPF host paths; still for /var/log', () => {
    const hostPath = findings.filter((f) => f.code === 'lint-host-path');
    const advised = hostPath.filter((f) => /add readOnly/.test(f.message)).map((f) => /node's (\S+) into/.exec(f.message)?.[1]);
    assert.ok(hostPath.length >= 15, `${hostPath.length} hostPath hints`);
    for (const p of ['/run/xtables.lock', '/var/lib/kubelet/device-plugins', '/opt/cni/bin', '/etc/cni/net.d', '/sys/fs/bpf', '/dev/shm', '/var/run/dbus/system_bus_socket', '/var/run/agent']) {
      assert.ok(hostPath.some((f) => f.message.includes(`node's ${p} into`)), `${p} is reported as a hostPath`);
      assert.ok(!advised.includes(p), `no readOnly advice for ${p}`);
    }
    assert.ok(advised.includes('/var/fluent-bit/state') === false, 'DirectoryOrCreate state directory');
  });
});

describe('check: every minute of the chosen hours', () => {
  test('`* */6 * * *` is a warning naming the runs per day and the schedule meant', () => {
    const text = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "* */6 * * *"\n  timeZone: Etc/UTC\n  jobTemplate:\n    spec:\n      ttlSecondsAfterFinished: 60\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: r\n            image: busybox:1.36\n            resources: {requests: {cpu: 10m}}\n';
    const r = run(['check', '-'], text);
    assert.equal(r.code, 0, 'a lint, not an error');
    assert.match(r.stdout, /^<stdin>:6:13 warning cron-every-minute-of-hours spec\.schedule: .*240 Jobs a day\. .*use "0 \*\/6 \* \* \*"\.$/m);
  });
});

describe('place without --nodes', () => {
  const DS = resolve(LESSON_DIR, 'log-collector-daemonset.yaml');

  test('text: a note on stderr says it is the lesson\'s 3-node kind cluster and how to pass real nodes', () => {
    const r = run(['place', DS]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^note: No nodes given: this is placement on the lesson's 3-node kind cluster .*--nodes <file> \(e\.g\. kubectl get nodes -o yaml > nodes\.yaml\)/m);
    assert.doesNotMatch(r.stdout, /No nodes given/);
  });

  test('JSON: an extra nodesNote field, the existing fields unchanged', () => {
    const json = JSON.parse(run(['place', DS, '--format', 'json']).stdout);
    assert.deepEqual(Object.keys(json), ['workload', 'nodes', 'counts', 'summary', 'nodeSources', 'warnings', 'nodesNote']);
    assert.match(json.nodesNote, /3-node kind cluster.*--nodes/);
  });

  test('with --nodes there is no note', () => {
    const r = run(['place', DS, '--nodes', resolve(ROOT, 'examples/nodes/mixed-cluster.yaml'), '--format', 'json']);
    assert.equal(JSON.parse(r.stdout).nodesNote, undefined);
    assert.doesNotMatch(run(['place', DS, '--nodes', resolve(ROOT, 'examples/nodes/mixed-cluster.yaml')]).stderr, /No nodes given/);
  });
});
