import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';


const run = (args: string[]) => runCli(args);

describe('workload-lens explain', () => {
  test('cronjob.spec.concurrencyPolicy: kind, version, field, In short before the description', () => {
    const r = run(['explain', 'cronjob.spec.concurrencyPolicy']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^GROUP: +batch\nKIND: +CronJob\nVERSION: +v1\n/);
    assert.match(r.stdout, /FIELD: concurrencyPolicy <string>/);
    assert.match(r.stdout, /DEFAULT: Allow/);
    assert.match(r.stdout, /ENUM:\n {4}Allow\n {8}Start the new Job anyway; runs may overlap\.\n {4}Forbid\n {8}Skip the new run/);
    assert.ok(r.stdout.indexOf('IN SHORT:') < r.stdout.indexOf('DESCRIPTION:'));
    assert.match(r.stdout, /DESCRIPTION:\n {4}Specifies how to treat concurrent executions of a Job/);
    assert.match(r.stdout, /cron-job-v1/);
  });

  test('a list field lists the fields of its items', () => {
    const r = run(['explain', 'daemonset.spec.template.spec.tolerations']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /FIELD: tolerations <\[\]Toleration>/);
    assert.match(r.stdout, /IN SHORT:\n {4}Taints keep pods off nodes/);
    assert.match(r.stdout, /FIELDS:\n {2}effect\t<string>/);
    assert.match(r.stdout, / {2}operator\t<string>\n {4}How the taint’s value is compared\./);
  });

  test('paths step through lists as kubectl explain does', () => {
    const r = run(['explain', 'job.spec.template.spec.containers.resources.requests']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /FIELD: requests <map\[string\]quantity>/);
    assert.match(r.stdout, /PATH: +spec\.template\.spec\.containers\[0\]\.resources\.requests/);
  });

  test('the kind alone: its top-level fields, required ones marked', () => {
    const r = run(['explain', 'CronJob']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /IN SHORT:\n {4}A CronJob creates a Job on a schedule/);
    assert.match(r.stdout, / {2}spec\t<CronJobSpec>/);
    assert.doesNotMatch(r.stdout, / {2}status\t/);
    const spec = run(['explain', 'cronjob.spec']);
    assert.match(spec.stdout, / {2}schedule\t<string> -required-/);
    assert.match(spec.stdout, / {2}jobTemplate\t<JobTemplateSpec> -required-/);
  });

  test('short names: ds, cj, jobs', () => {
    assert.match(run(['explain', 'ds.spec.updateStrategy.type']).stdout, /KIND: +DaemonSet[\s\S]*DEFAULT: RollingUpdate/);
    assert.match(run(['explain', 'cj.spec.timeZone']).stdout, /KIND: +CronJob[\s\S]*FIELD: timeZone <string>/);
    assert.match(run(['explain', 'jobs.spec.backoffLimit']).stdout, /DEFAULT: 6/);
  });

  test('--format json', () => {
    const r = run(['explain', 'job.spec.template.spec.restartPolicy', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.kind, 'Job');
    assert.equal(j.apiVersion, 'batch/v1');
    assert.equal(j.path, 'spec.template.spec.restartPolicy');
    assert.deepEqual(j.enum, ['Always', 'OnFailure', 'Never']);
    assert.match(j.inShort, /Job controller creates new pods/);
    assert.match(j.description, /Restart policy for all containers within the pod/);
    assert.match(j.values.Never, /Job controller then creates a new pod/);
    assert.match(j.values.Always, /Rejected for a Job/);
    assert.ok(Array.isArray(j.fields) && j.fields.length === 0);
  });

  test('an unknown field exits 2 with a near miss', () => {
    const r = run(['explain', 'cronjob.spec.comcurrencyPolicy']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /field "comcurrencyPolicy" does not exist in cronjob\.spec \(CronJobSpec\); did you mean cronjob\.spec\.concurrencyPolicy\?/);
    const deep = run(['explain', 'job.spec.template.spec.containers.comand']);
    assert.equal(deep.code, 2);
    assert.match(deep.stderr, /did you mean job\.spec\.template\.spec\.containers\.command\?/);
  });

  test('an unknown kind exits 2 with a near miss; no argument is a usage error', () => {
    const r = run(['explain', 'deamonset.spec']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown kind "deamonset".*did you mean DaemonSet\?/);
    assert.equal(run(['explain']).code, 2);
    assert.equal(run(['explain', 'job', '--format', 'yaml']).code, 2);
  });

  test('the free-form keys of a map are not fields', () => {
    const r = run(['explain', 'job.spec.template.metadata.labels.app']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /map with free-form keys/);
  });
});
