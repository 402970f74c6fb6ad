import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LESSON_DIR } from '../helpers/fixtures';
import { CLI } from '../helpers/cli';

const JOB = resolve(LESSON_DIR, 'hello-job.yaml');
const DS = resolve(LESSON_DIR, 'log-collector-daemonset.yaml');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end();
  });
}

describe('check --server-dry-run and place --cluster without a usable cluster', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let dir: string;
  let kubeconfig: string;
  before(async () => {
    // accepts connections and never answers: the 5 s timeout must end the wait
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    dir = mkdtempSync(join(tmpdir(), 'wl-cli-cluster-'));
    kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: silent\n  cluster: {server: "https://127.0.0.1:${port}"}\nusers:\n- name: u\n  user: {token: s3cr3t-token}\ncontexts:\n- name: silent\n  context: {cluster: silent, user: u}\ncurrent-context: silent\n`);
  });
  after(() => {
    for (const s of sockets) s.destroy();
    silent.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('no kubeconfig: exit 2 with where it looked', async () => {
    const r = await run(['check', '--server-dry-run', JOB]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no kubeconfig found \(looked at \/nonexistent\/kubeconfig\)/);
  });

  test('an unknown context: exit 2 naming the contexts there are', async () => {
    const r = await run(['place', DS, '--cluster', '--kubeconfig', kubeconfig, '--context', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /context "nope" is not in the kubeconfig .*it has silent/);
  });

  test('--kubeconfig/--context without --server-dry-run or --cluster is bad usage', async () => {
    assert.equal((await run(['check', JOB, '--kubeconfig', kubeconfig])).code, 2);
    assert.equal((await run(['place', DS, '--context', 'silent'])).code, 2);
    assert.equal((await run(['place', DS, '--cluster', '--nodes', JOB])).code, 2);
  });

  test('a server that never answers: one cluster-dry-run error after 5 s, exit 1, no token shown', async () => {
    const r = await run(['check', '--server-dry-run', '--kubeconfig', kubeconfig, '--format', 'json', JOB]);
    assert.equal(r.code, 1, r.stderr);
    const cluster = JSON.parse(r.stdout).filter((f: { code: string }) => f.code === 'cluster-dry-run');
    assert.equal(cluster.length, 1);
    assert.match(cluster[0].message, /^no answer from the API server at https:\/\/127\.0\.0\.1:\d+ \(context "silent"\) within 5 s$/);
    assert.ok(!(r.stdout + r.stderr).includes('s3cr3t-token'));
  });

  test('an exec credential plugin that answers too late (8 s): one error after 5 s', async () => {
    const hanging = join(dir, 'hanging-config');
    writeFileSync(hanging, JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:9' } }], users: [{ name: 'u', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', 'setTimeout(() => {}, 8000)'], interactiveMode: 'Never' } } }], contexts: [{ name: 'plugin', context: { cluster: 'c', user: 'u' } }], 'current-context': 'plugin' }));
    const r = await run(['check', '--server-dry-run', '--kubeconfig', hanging, '--format', 'json', JOB]);
    assert.equal(r.code, 1, r.stderr);
    const cluster = JSON.parse(r.stdout).filter((f: { code: string }) => f.code === 'cluster-dry-run');
    assert.deepEqual(cluster.map((f: { message: string }) => f.message), ['the credential plugin of context "plugin" gave no credentials within 5 s']);
  });

  test('place --cluster on a server that never answers: exit 2 with the timeout', async () => {
    const r = await run(['place', DS, '--cluster', '--kubeconfig', kubeconfig]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no answer from the API server .* within 5 s/);
  });
});

test('the kubeconfig and HTTP code lives in dist/cluster.js only (the offline server and CLI load it on demand)', () => {
  const dist = resolve(__dirname, '../../dist');
  for (const bundle of ['server.js', 'cli.js', 'extension.js']) {
    const text = readFileSync(join(dist, bundle), 'utf8');
    assert.ok(!/loadFromFile|applyToHTTPSOptions|socks-proxy-agent/.test(text), `${bundle} carries the cluster code`);
  }
  assert.match(readFileSync(join(dist, 'cluster.js'), 'utf8'), /applyToHTTPSOptions/);
});
