import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { LESSON_DIR } from '../helpers/fixtures';
import { SKIP_REASON, TEST_KUBECONFIG, api, apiOk, createNamespace, dropNamespace, ensureNamespace, eventually, restrictedKubeconfig, stoppedServerKubeconfig, testContext, execPluginKubeconfig, proxiedKubeconfig, unverifiedKubeconfig } from '../helpers/testCluster';
import { CLI } from '../helpers/cli';

const DS = resolve(LESSON_DIR, 'log-collector-daemonset.yaml');

interface Finding { file: string; line: number; column: number; severity: string; code: string; message: string; path: string | null }

function run(args: string[], input?: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe', env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function dryRun(yaml: string, kubeconfig = TEST_KUBECONFIG!): Promise<{ code: number | null; findings: Finding[]; stderr: string }> {
  const r = await run(['check', '--server-dry-run', '--kubeconfig', kubeconfig, '--format', 'json', '-'], yaml);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { code: r.code, findings: JSON.parse(r.stdout), stderr: r.stderr };
}

const cluster = (findings: Finding[]) => findings.filter((f) => f.code === 'cluster-dry-run');

const job = (ns: string, name: string, extra = '', restartPolicy = 'Never') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${extra}  template:
    spec:
      containers:
        - name: main
          image: busybox:1.36
          command: ["/bin/sh", "-c", "true"]
      restartPolicy: ${restartPolicy}
`;

describe('against a real control plane: check --server-dry-run and place --cluster', { skip: SKIP_REASON }, () => {
  let ns: string;
  let madeLoggingNs = false;
  before(async () => {
    ns = await createNamespace();
    madeLoggingNs = await ensureNamespace('logging-ns');
  });
  after(async () => {
    if (!ns) return;
    await dropNamespace(ns);
    if (madeLoggingNs) await dropNamespace('logging-ns');
  });

  test("the lesson's manifests dry-run clean (their namespace created)", async () => {
    const r = await run(['check', '--server-dry-run', '--kubeconfig', TEST_KUBECONFIG!, '--format', 'json', LESSON_DIR]);
    assert.equal(r.code, 0, r.stderr);
    const findings: Finding[] = JSON.parse(r.stdout);
    assert.deepEqual(cluster(findings), []);
    assert.ok(findings.length > 0, 'our own lints are still there');
  });

  test('a Job with restartPolicy Always: the server\'s message at spec.template.spec.restartPolicy, ours dropped', async () => {
    const { code, findings } = await dryRun(job(ns, 'always', '', 'Always'));
    assert.equal(code, 1);
    const c = cluster(findings);
    assert.equal(c.length, 1, JSON.stringify(findings));
    assert.equal(c[0].path, 'spec.template.spec.restartPolicy');
    assert.equal(c[0].message, 'Required value: valid values: "OnFailure", "Never"');
    assert.equal(c[0].line, 13);
    assert.ok(!findings.some((f) => f.code === 'api-restart-policy'), 'the same finding from our rule is shown once, as the cluster\'s');
  });

  test('an unknown field: strict field validation names it', async () => {
    const { code, findings } = await dryRun(job(ns, 'unknown', '  parallelismm: 2\n'));
    assert.equal(code, 1);
    const c = cluster(findings);
    assert.deepEqual(c.map((f) => [f.path, f.message, f.line, f.column]), [['spec.parallelismm', 'unknown field "spec.parallelismm"', 7, 3]]);
  });

  test('a missing namespace: one clear error on metadata.namespace', async () => {
    const { findings } = await dryRun(job(`${ns}-absent`, 'lost'));
    const c = cluster(findings);
    assert.equal(c.length, 1);
    assert.equal(c[0].path, 'metadata.namespace');
    assert.match(c[0].message, new RegExp(`namespaces "${ns}-absent" not found.*kubectl create namespace ${ns}-absent`));
  });

  test('a user without rights: one error that says which permission is missing', async () => {
    const kubeconfig = await restrictedKubeconfig(ns);
    const { findings } = await dryRun(job(ns, 'denied'), kubeconfig);
    const c = cluster(findings);
    assert.equal(c.length, 1, JSON.stringify(c));
    assert.match(c[0].message, new RegExp(`^Forbidden: needs create on jobs in namespace ${ns} .*system:serviceaccount:${ns}:nobody`));
    assert.ok(!c[0].message.includes(readFileSync(kubeconfig, 'utf8').match(/"token":"([^"]+)"/)![1]), 'the token is never shown');
  });

  test('credentials from an exec plugin (ExecCredential) and, when given, a client certificate', async () => {
    const exec = await execPluginKubeconfig(ns);
    const viaExec = await dryRun(job(ns, 'exec-ok'), exec);
    assert.equal(viaExec.code, 0, viaExec.stderr);
    assert.deepEqual(cluster(viaExec.findings), []);
    const viaExecBad = await dryRun(job(ns, 'exec-bad', '', 'Always'), exec);
    assert.deepEqual(cluster(viaExecBad.findings).map((f) => f.path), ['spec.template.spec.restartPolicy'], 'the plugin\'s user reaches validation');
    const certKubeconfig = process.env.WORKLOAD_LENS_TEST_KUBECONFIG_CERT;
    if (!certKubeconfig) {
      console.log('# client-certificate case skipped: WORKLOAD_LENS_TEST_KUBECONFIG_CERT is not set');
      return;
    }
    const viaCert = await dryRun(job(ns, 'cert-bad', '', 'Always'), certKubeconfig);
    assert.deepEqual(cluster(viaCert.findings).map((f) => f.path), ['spec.template.spec.restartPolicy']);
  });

  test('proxy-url: requests go through the HTTP CONNECT proxy the kubeconfig names', async () => {
    const http = await import('node:http');
    const net = await import('node:net');
    const tunnels: string[] = [];
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, client, head) => {
      tunnels.push(String(req.url));
      const [host, port] = String(req.url).split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const kubeconfig = proxiedKubeconfig(`http://127.0.0.1:${(proxy.address() as { port: number }).port}`);
      const { findings } = await dryRun(job(ns, 'proxied', '', 'Always'), kubeconfig);
      assert.deepEqual(cluster(findings).map((f) => f.path), ['spec.template.spec.restartPolicy']);
      assert.ok(tunnels.length >= 2, `tunnels: ${tunnels.join(', ')}`);
      assert.ok(tunnels.every((t) => t === new URL(readFileSync(kubeconfig, 'utf8').match(/"server":"([^"]+)"/)![1]).host));
    } finally {
      proxy.close();
    }
  });

  test('TLS is verified unless the kubeconfig says insecure-skip-tls-verify (NODE_TLS_REJECT_UNAUTHORIZED=0 changes nothing)', async () => {
    const env = { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' };
    const noCa = await run(['check', '--server-dry-run', '--kubeconfig', unverifiedKubeconfig(false), '--format', 'json', '-'], job(ns, 'tls'), env);
    const c = cluster(JSON.parse(noCa.stdout));
    assert.equal(c.length, 1);
    assert.match(c[0].message, /^TLS with the API server at https:\/\/127\.0\.0\.1:\d+ \(context "no-ca"\) failed: /);
    const skipped = await run(['check', '--server-dry-run', '--kubeconfig', unverifiedKubeconfig(true), '--format', 'json', '-'], job(ns, 'tls', '', 'Always'));
    assert.deepEqual(cluster(JSON.parse(skipped.stdout)).map((f) => f.path), ['spec.template.spec.restartPolicy']);
  });

  test('a stopped server: one clear error, exit 1', async () => {
    const { code, findings } = await dryRun(`${job(ns, 'a')}---\n${job(ns, 'b')}`, await stoppedServerKubeconfig());
    assert.equal(code, 1);
    const c = cluster(findings);
    assert.equal(c.length, 1);
    assert.match(c[0].message, /cannot reach the API server at https:\/\/127\.0\.0\.1:\d+ \(context "stopped"\): connection refused/);
  });

  test('an existing Job: dry-run server-side apply, and the server says its template is immutable', async () => {
    const original = job(ns, 'existing');
    await apiOk('POST', `/apis/batch/v1/namespaces/${ns}/jobs`, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'existing', namespace: ns }, spec: { template: { spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['/bin/sh', '-c', 'true'] }], restartPolicy: 'Never' } } } });
    assert.deepEqual(cluster((await dryRun(original)).findings), [], 'the same Job applies clean');
    const { findings } = await dryRun(original.replace('busybox:1.36', 'busybox:1.37'));
    const c = cluster(findings);
    assert.equal(c.length, 1);
    assert.equal(c[0].path, 'spec.template');
    assert.match(c[0].message, /^Invalid value: .*: field is immutable$/);
  });

  test('a Warning header becomes a warning at its path', async () => {
    const { findings } = await dryRun(job(ns, 'warned').replace('      containers:', '      nodeSelector:\n        beta.kubernetes.io/os: linux\n      containers:'));
    const c = cluster(findings);
    assert.deepEqual(c.map((f) => [f.severity, f.path]), [['warning', 'spec.template.spec.nodeSelector[beta.kubernetes.io/os]']]);
    assert.match(c[0].message, /deprecated since v1\.14/);
  });

  test('place --cluster: the lesson DaemonSet on the nodes the real DaemonSet controller and scheduler use', async () => {
    const r = await run(['place', DS, '--cluster', '--kubeconfig', TEST_KUBECONFIG!, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const all = ((await apiOk('GET', '/api/v1/nodes')).items as Array<{ metadata: { name: string; labels?: Record<string, string> } }>);
    assert.deepEqual(json.nodes.map((n: { node: string }) => n.node).sort(), all.map((n) => n.metadata.name).sort());
    // placement.test.ts adds tainted nodes of its own (label workload-lens.test/owner) while it runs.
    const nodes = all.filter((n) => !n.metadata.labels?.['workload-lens.test/owner']);
    assert.equal(nodes.length, 3);
    assert.deepEqual(json.nodeSources, [`cluster ${testContext()}`]);
    const predicted = json.nodes.filter((n: { result: string }) => n.result === 'scheduled').map((n: { node: string }) => n.node).sort();
    assert.equal(predicted.length, 3);
    // The real controllers: create the DaemonSet in our namespace and see where its pods are bound.
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'log-collector', namespace: ns }, spec: { selector: { matchLabels: { app: 'log-collector' } }, template: { metadata: { labels: { app: 'log-collector' } }, spec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }], containers: [{ name: 'c', image: 'busybox:1.36' }] } } } };
    await apiOk('POST', `/apis/apps/v1/namespaces/${ns}/daemonsets`, ds);
    const bound = await eventually(async () => {
      const pods = (await apiOk('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=app%3Dlog-collector`)).items as Array<{ spec: { nodeName?: string } }>;
      const names = pods.map((p) => p.spec.nodeName).filter((n): n is string => !!n).sort();
      return names.length >= predicted.length ? names : undefined;
    }, 30000, 'the DaemonSet pods to be bound');
    assert.deepEqual(bound, predicted);
  });

  test('place --cluster counts what already runs: a host port in use keeps a Job pod off that node', async () => {
    const nodes = ((await apiOk('GET', '/api/v1/nodes')).items as Array<{ metadata: { name: string }; spec: { taints?: unknown[] } }>).filter((n) => !n.spec.taints?.length).map((n) => n.metadata.name);
    const busy = nodes[0];
    await apiOk('POST', `/api/v1/namespaces/${ns}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'holds-port' }, spec: { nodeName: busy, containers: [{ name: 'c', image: 'busybox:1.36', ports: [{ containerPort: 80, hostPort: 18080 }], resources: { requests: { cpu: '7' } } }] } });
    const wanting = job(ns, 'wants-port').replace('          command:', '          ports: [{containerPort: 8080, hostPort: 18080}]\n          resources: {requests: {cpu: 500m}}\n          command:');
    const r = await run(['place', '-', '--cluster', '--kubeconfig', TEST_KUBECONFIG!, '--format', 'json'], wanting);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const row = json.nodes.find((n: { node: string }) => n.node === busy);
    assert.equal(row.result, 'not-scheduled');
    assert.deepEqual(row.reasons, ["node(s) didn't have free ports for the requested pod ports: 18080/TCP in use"]);
    const heavy = await run(['place', '-', '--cluster', '--kubeconfig', TEST_KUBECONFIG!, '--format', 'json'], wanting.replace('cpu: 500m', 'cpu: 1500m').replace('ports: [{containerPort: 8080, hostPort: 18080}]', 'ports: []'));
    const heavyRow = JSON.parse(heavy.stdout).nodes.find((n: { node: string }) => n.node === busy);
    assert.equal(heavyRow.result, 'not-scheduled');
    // other tests may have pods there too (test files run side by side): at least our 7 CPUs
    assert.match(heavyRow.reasons.join(), /insufficient cpu: requests 1500m, allocatable 8, ([7-9]|\d\d+) already requested by the node's pods/);
    await api('DELETE', `/api/v1/namespaces/${ns}/pods/holds-port?gracePeriodSeconds=0`);
  });
});
