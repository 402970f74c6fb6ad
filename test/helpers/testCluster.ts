import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { selectContext, type Target } from '../../server/src/cluster/kubeconfig';
import { call, type Answer } from '../../server/src/cluster/http';

/**
 * The control plane the cluster tests run against: a kubeconfig in WORKLOAD_LENS_TEST_KUBECONFIG
 * (.ci/run starts one). Without it the tests skip and say why.
 */
export const TEST_KUBECONFIG = process.env.WORKLOAD_LENS_TEST_KUBECONFIG || undefined;
export const SKIP_REASON = TEST_KUBECONFIG ? false : 'WORKLOAD_LENS_TEST_KUBECONFIG is not set, so there is no cluster to test against (.ci/run starts a local control plane and sets it)';
if (!TEST_KUBECONFIG) console.log(`# cluster tests skipped: ${SKIP_REASON}`);

let target: Target | undefined;
function admin(): Target {
  if (!TEST_KUBECONFIG) throw new Error(String(SKIP_REASON));
  return (target ??= selectContext({ kubeconfig: TEST_KUBECONFIG }));
}

/** The context the tests use (the test kubeconfig's current context). */
export function testContext(): string {
  return admin().context;
}

/** One request as the test kubeconfig's user (an administrator). */
export async function api(method: string, path: string, body?: unknown, contentType?: string): Promise<Answer> {
  return call(admin(), method, path, body, contentType, 15000);
}

export async function apiOk(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const a = await api(method, path, body);
  if (a.status < 200 || a.status >= 300) throw new Error(`${method} ${path}: ${a.status} ${JSON.stringify(a.body)}`);
  return a.body as Record<string, unknown>;
}

/** A namespace of the test's own (deleted by dropNamespace). */
export async function createNamespace(prefix = 'wl-test'): Promise<string> {
  const name = `${prefix}-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  await apiOk('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

/**
 * Deletes a test namespace and, first, what runs in it: with no kubelet, a deleted pod stays
 * Terminating (and bound, counted by the scheduler) until it is force-deleted, so the controllers'
 * objects go first and then the pods, with no grace period.
 */
export async function dropNamespace(name: string): Promise<void> {
  for (const path of [`/apis/apps/v1/namespaces/${name}/daemonsets`, `/apis/batch/v1/namespaces/${name}/cronjobs`, `/apis/batch/v1/namespaces/${name}/jobs`]) {
    await api('DELETE', `${path}?propagationPolicy=Background`);
  }
  for (let i = 0; i < 20; i++) {
    await api('DELETE', `/api/v1/namespaces/${name}/pods?gracePeriodSeconds=0`);
    const left = (await api('GET', `/api/v1/namespaces/${name}/pods`)).body as { items?: unknown[] };
    if (!left.items?.length) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await api('DELETE', `/api/v1/namespaces/${name}`);
}

/** Creates the namespace when missing; says whether it did (so the test deletes only what it made). */
export async function ensureNamespace(name: string): Promise<boolean> {
  const got = await api('GET', `/api/v1/namespaces/${name}`);
  if (got.status === 200) return false;
  await apiOk('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return true;
}

function clusterCa(t: Target): string | undefined {
  const cluster = t.kc.getCurrentCluster();
  if (cluster?.caData) return cluster.caData;
  if (cluster?.caFile) return readFileSync(cluster.caFile).toString('base64');
  return undefined;
}

/** Temporary kubeconfigs (they hold tokens): removed when the test process ends. */
const temporary: string[] = [];
process.on('exit', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function writeKubeconfig(server: string, ca: string | undefined, user: Record<string, string>, name = 'test'): string {
  const dir = mkdtempSync(join(tmpdir(), 'wl-kubeconfig-'));
  temporary.push(dir);
  const file = join(dir, 'config');
  const cluster: Record<string, string> = { server };
  if (ca) cluster['certificate-authority-data'] = ca;
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name, cluster }], users: [{ name, user }], contexts: [{ name, context: { cluster: name, user: name } }], 'current-context': name }));
  return file;
}

/** A kubeconfig for a ServiceAccount of `namespace` that has no rights at all (a bound token from the TokenRequest API). */
export async function restrictedKubeconfig(namespace: string): Promise<string> {
  await apiOk('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nobody' } });
  const review = await apiOk('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/nobody/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } });
  const token = (review.status as { token: string }).token;
  const t = admin();
  return writeKubeconfig(t.server, clusterCa(t), { token }, 'nobody');
}

/** The test cluster through an exec credential plugin (a node script printing an ExecCredential with a ServiceAccount token). */
export async function execPluginKubeconfig(namespace: string): Promise<string> {
  await apiOk('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'viewer' } });
  await apiOk('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'viewer-edit' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'ServiceAccount', name: 'viewer', namespace }] });
  const review = await apiOk('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/viewer/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } });
  const token = (review.status as { token: string }).token;
  const dir = mkdtempSync(join(tmpdir(), 'wl-exec-'));
  temporary.push(dir);
  const plugin = join(dir, 'plugin.js');
  writeFileSync(plugin, `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(token)} } }));\n`);
  const t = admin();
  const file = writeKubeconfig(t.server, clusterCa(t), {} as Record<string, string>, 'exec');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.users[0].user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The test cluster without its CA (and, with `skip`, insecure-skip-tls-verify: true). */
export function unverifiedKubeconfig(skip: boolean): string {
  const t = admin();
  const file = writeKubeconfig(t.server, undefined, {}, skip ? 'skip-verify' : 'no-ca');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  if (skip) config.clusters[0].cluster['insecure-skip-tls-verify'] = true;
  const user = t.kc.getCurrentUser();
  config.users[0].user = user?.token ? { token: user.token } : { 'client-certificate-data': user?.certData, 'client-key-data': user?.keyData };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The test kubeconfig with a proxy-url (the caller runs the proxy). */
export function proxiedKubeconfig(proxyUrl: string): string {
  const t = admin();
  const file = writeKubeconfig(t.server, clusterCa(t), {}, 'proxied');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.clusters[0].cluster['proxy-url'] = proxyUrl;
  const user = t.kc.getCurrentUser();
  config.users[0].user = user?.token ? { token: user.token } : { 'client-certificate-data': user?.certData, 'client-key-data': user?.keyData };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The test kubeconfig pointed at a port where nothing listens (a stopped API server). */
export async function stoppedServerKubeconfig(): Promise<string> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const t = admin();
  return writeKubeconfig(`https://127.0.0.1:${port}`, clusterCa(t), { token: 'unused' }, 'stopped');
}

/** Polls until `check` returns a value (or throws after `ms`). */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 30000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
