// Lints as users see them on real manifests: no advice that does not apply (Windows node agents,
// hostPath objects that must be written), and cron schedules that cannot be misread.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { daemonSet, cronJob, pod, yaml, check, errors, full, applyFix, type Obj } from './rules-api.helpers';
import { hostPathNeedsWrite, pinnedToWindows } from '../../server/src/core/rules/lint';
import { describeSchedule } from '../../server/src/core/cron/describe';
import { checkFile } from '../../server/src/core/diagnostics';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';

const codes = (text: string, code: string) => check(text).filter((d) => d.code === code);

function windowsAgent(pin: (o: Obj) => void): string {
  const o = daemonSet();
  pod(o).hostNetwork = true;
  pin(o);
  return yaml(o);
}

describe('DaemonSets pinned to Windows nodes: no ClusterFirstWithHostNet advice, no control-plane note', () => {
  const pins: [string, (o: Obj) => void][] = [
    ['nodeSelector kubernetes.io/os: windows', (o) => { pod(o).nodeSelector = { 'kubernetes.io/os': 'windows' }; }],
    ['required node affinity kubernetes.io/os In [windows]', (o) => { pod(o).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }] }] } } }; }],
    ['spec.os.name: windows', (o) => { pod(o).os = { name: 'windows' }; }],
  ];
  for (const [why, pin] of pins) {
    test(why, () => {
      const text = windowsAgent(pin);
      assert.deepEqual(codes(text, 'lint-hostnetwork-dns').map(full), []);
      assert.deepEqual(codes(text, 'lint-daemonset-control-plane').map(full), []);
      assert.deepEqual(errors(text).map(full), []);
    });
  }

  test('Linux or unpinned DaemonSets still get both', () => {
    const linux = windowsAgent((o) => { pod(o).nodeSelector = { 'kubernetes.io/os': 'linux' }; });
    assert.equal(codes(linux, 'lint-hostnetwork-dns').length, 1);
    assert.equal(codes(linux, 'lint-daemonset-control-plane').length, 1);
    // One term allows Linux: the pod is not pinned to Windows.
    const either = windowsAgent((o) => {
      pod(o).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }] },
        { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] },
      ] } } };
    });
    assert.equal(codes(either, 'lint-hostnetwork-dns').length, 1);
    assert.equal(codes(either, 'lint-daemonset-control-plane').length, 1);
  });

  test('pinnedToWindows reads only what pins', () => {
    assert.equal(pinnedToWindows({ nodeSelector: { 'kubernetes.io/os': 'windows' } }), true);
    assert.equal(pinnedToWindows({ nodeSelector: { 'beta.kubernetes.io/os': 'linux' } }), false);
    assert.equal(pinnedToWindows({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] }] }] } } } }), false);
    assert.equal(pinnedToWindows({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows', 'linux'] }] }] } } } }), false);
    assert.equal(pinnedToWindows({}), false);
  });
});

describe('hostPath: the readOnly hint only where read-only is plausible', () => {
  function hostPathHint(path: string, type?: string, mount: Obj = {}): string {
    const o = daemonSet();
    pod(o).volumes = [{ name: 'host', hostPath: { path, ...(type ? { type } : {}) } }];
    pod(o).containers[0].volumeMounts = [{ name: 'host', mountPath: '/host', ...mount }];
    const found = codes(yaml(o), 'lint-host-path');
    assert.equal(found.length, 1, path);
    return found[0].message;
  }

  const mustWrite: [string, string?][] = [
    ['/var/run/docker.sock'], ['/run/containerd/containerd.sock'], ['/var/lib/kubelet/device-plugins'], ['/var/lib/kubelet'],
    ['/var/lib/kubelet/pods'], ['/dev'], ['/dev/shm'], ['/run/xtables.lock'], ['/opt/cni/bin'], ['/etc/cni/net.d'], ['/var/run'],
    ['/run'], ['/sys/fs/bpf'], ['/var/lib/cni/'], ['/csi/plugin.sock'], ['/srv/agent', 'Socket'], ['/srv/gpu0', 'CharDevice'],
    ['/srv/disk', 'BlockDevice'], ['/var/agent/state', 'DirectoryOrCreate'],
  ];
  for (const [path, type] of mustWrite) {
    test(`no readOnly advice: ${path}${type ? ` (type ${type})` : ''}`, () => {
      const message = hostPathHint(path, type);
      assert.doesNotMatch(message, /readOnly/);
      assert.match(message, /can read and change/);
      assert.equal(hostPathNeedsWrite(path, type), true);
    });
  }

  for (const path of ['/var/log', '/etc/machine-id', '/proc', '/sys', '/lib/modules', '/var/lib/docker/containers', '/']) {
    test(`readOnly advice when mounted writable: ${path}`, () => {
      assert.match(hostPathHint(path), /add readOnly: true/);
      assert.equal(hostPathNeedsWrite(path), false);
    });
  }

  test('a Bidirectional mount needs write access: no advice', () => {
    assert.doesNotMatch(hostPathHint('/sys/fs', undefined, { mountPropagation: 'Bidirectional' }), /readOnly/);
    assert.doesNotMatch(hostPathHint('/mnt/data', undefined, { mountPropagation: 'Bidirectional' }), /readOnly/);
  });

  test('a read-only mount gets the plain hint', () => {
    assert.match(hostPathHint('/var/log', undefined, { readOnly: true }), /the pod can read the node's files there\.$/);
  });
});

describe('cron: every minute of the chosen hours', () => {
  function cron(schedule: string): string {
    const o = cronJob();
    o.spec.schedule = schedule;
    o.spec.timeZone = 'Etc/UTC';
    return yaml(o);
  }

  test('`* */6 * * *`: 240 Jobs a day, suggests `0 */6 * * *`, the fix applies and silences it', () => {
    const text = cron('* */6 * * *');
    const [d, ...rest] = codes(text, 'cron-every-minute-of-hours');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning');
    assert.equal(d.path, 'spec.schedule');
    assert.match(d.message, /every minute of those hours \(00:00–00:59, 06:00–06:59, 12:00–12:59, 18:00–18:59\): 240 Jobs a day\. To run once at the start of each of those hours, use "0 \*\/6 \* \* \*"\./);
    const after = applyFix(text, d.fixes![0]);
    assert.match(after, /schedule: "0 \*\/6 \* \* \*"/);
    assert.deepEqual(codes(after, 'cron-every-minute-of-hours'), []);
    assert.deepEqual(errors(after).map(full), []);
  });

  test('a single hour, weekdays only, and the */1 and 0-59 spellings', () => {
    assert.match(codes(cron('* 2 * * 1-5'), 'cron-every-minute-of-hours')[0].message, /every minute of that hour \(02:00–02:59\): 60 Jobs on each day it runs\. To run once at the start of the hour, use "0 2 \* \* 1-5"\./);
    assert.equal(codes(cron('*/1 9-17 * * *'), 'cron-every-minute-of-hours').length, 1);
    assert.match(codes(cron('0-59 0,12 * * *'), 'cron-every-minute-of-hours')[0].message, /120 Jobs a day/);
  });

  test('quiet when a minute is pinned, the hour is *, or minutes are stepped', () => {
    for (const s of ['0 */6 * * *', '* * * * *', '*/5 */6 * * *', '@hourly', '@every 1h', '15 2 * * *']) assert.deepEqual(codes(cron(s), 'cron-every-minute-of-hours'), [], s);
  });

  test('descriptions cannot be read two ways: hour lists and steps become clock windows', () => {
    assert.equal(describeSchedule('* */6 * * *'), 'Every minute from 00:00 to 00:59, 06:00 to 06:59, 12:00 to 12:59 and 18:00 to 18:59 (240 runs a day)');
    // cronstrue alone says "Every minute, at 00:00 and 12:00".
    assert.equal(describeSchedule('* 0,12 * * *'), 'Every minute from 00:00 to 00:59 and 12:00 to 12:59 (120 runs a day)');
    assert.equal(describeSchedule('*/15 9,21 * * 1-5'), 'Every 15 minutes from 09:00 to 09:59 and 21:00 to 21:59, Monday through Friday (8 runs on each day it runs)');
    assert.match(describeSchedule('* */2 * * *'), /^Every minute from 00:00 to 00:59, 02:00 to 02:59, 04:00 to 04:59, … \(720 runs a day\)$/);
    // Unambiguous ones keep cronstrue's words.
    assert.equal(describeSchedule('0 */6 * * *'), 'On the hour, every 6 hours');
    assert.equal(describeSchedule('* 2 * * *'), 'Every minute, between 02:00 and 02:59');
  });
});

test('hostPath on Windows nodes: named pipes and C:\\var\\lib\\kubelet need write access', () => {
  assert.equal(hostPathNeedsWrite('\\\\.\\pipe\\csi-proxy-disk-v1'), true);
  assert.equal(hostPathNeedsWrite('C:\\var\\lib\\kubelet\\plugins_registry\\'), true);
  assert.equal(hostPathNeedsWrite('C:\\var\\lib\\kubelet'), true);
  assert.equal(hostPathNeedsWrite('C:\\etc\\config'), false);
});

describe('cron-schedule-tz follows the target version (batch/validation validateScheduleFormat)', () => {
  const settings = (minor: number) => ({ enable: true, rules: {}, kubernetesMinor: minor });
  const tz = (o: Obj, timeZone?: string) => {
    o.spec.schedule = 'TZ=UTC 0 * * * *';
    if (timeZone) o.spec.timeZone = timeZone;
    return yaml(o);
  };
  const found = (text: string, minor: number) => checkFile(parseWorkloadFile(text), settings(minor)).filter((d) => d.code === 'cron-schedule-tz');

  test('1.29 and later: an error', () => {
    for (const minor of [29, 36]) assert.deepEqual(found(tz(cronJob()), minor).map((d) => d.severity), ['error']);
  });

  test('1.27 and 1.28: TZ alone is a warning (the server accepts it), TZ with spec.timeZone an error', () => {
    for (const minor of [27, 28]) {
      const [alone] = found(tz(cronJob()), minor);
      assert.equal(alone.severity, 'warning');
      assert.match(alone.message, /not officially supported/);
      const [both] = found(tz(cronJob(), 'Etc/UTC'), minor);
      assert.equal(both.severity, 'error');
      assert.match(both.message, /cannot use both timeZone field and TZ or CRON_TZ in schedule$/);
    }
  });
});
