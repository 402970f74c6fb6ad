import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspTestClient } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';
import { ClusterConnectRequest, ClusterContextsRequest, PlacementRequest, type ClusterContextsResponse, type ClusterStatus, type PlacementResponse } from '../../server/src/protocol';

/**
 * With workloadLens.cluster.enable off (the default), nothing leaves the machine: a listening socket
 * named by the kubeconfig counts every connection the server makes.
 */
describe('cluster: off by default, no request leaves the machine', () => {
  let listener: Server;
  let connections = 0;
  let dir: string;
  let kubeconfig: string;
  let client: LspTestClient;
  const URI = 'file:///work/lesson/hello-job.yaml';

  before(async () => {
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const port = (listener.address() as { port: number }).port;
    dir = mkdtempSync(join(tmpdir(), 'wl-kubeconfig-'));
    kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: counted\n  cluster: {server: "https://127.0.0.1:${port}"}\nusers:\n- name: u\n  user: {token: not-a-real-token}\ncontexts:\n- name: counted\n  context: {cluster: counted, user: u}\ncurrent-context: counted\n`);
    client = new LspTestClient();
    client.settings = { cluster: { kubeconfig, dryRunOnSave: true } };
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    listener.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('open, edit, save, placement and the contexts list send nothing', async () => {
    client.open(URI, lesson.job());
    await client.nextDiagnostics(URI);
    client.change(URI, 2, [{ text: lesson.job().replace('restartPolicy: Never', 'restartPolicy: Always') }]);
    const ds = await client.nextDiagnostics(URI, 2);
    assert.ok(ds.some((d) => d.code === 'api-restart-policy'));
    assert.ok(!ds.some((d) => d.code === 'cluster-dry-run'));
    void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: URI } });
    const placement = await client.request<PlacementResponse>(PlacementRequest, { uri: URI, position: { line: 0, character: 0 } });
    assert.equal(placement.error, undefined);
    if (placement.error === undefined) assert.equal(placement.cluster, undefined, 'no cluster offered when not connected');
    const contexts = await client.request<ClusterContextsResponse>(ClusterContextsRequest, {});
    assert.equal(contexts.error, undefined);
    if (contexts.error === undefined) assert.deepEqual(contexts.contexts.map((c) => c.name), ['counted']);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(connections, 0);
  });

  test('the connect request does reach the server (the counter works), and fails clearly', async () => {
    const status = await client.request<ClusterStatus>(ClusterConnectRequest, {});
    assert.equal(status.connected, false);
    assert.ok(connections >= 1, 'connect opened a connection');
    assert.match(status.error ?? '', /127\.0\.0\.1:\d+.*context "counted"/);
    assert.ok(!(status.error ?? '').includes('not-a-real-token'), 'credentials never appear in messages');
  });
});

describe('cluster: kubernetesVersion "auto" follows the connected server (a stand-in API server over plain HTTP)', () => {
  let server: import('node:http').Server;
  let dir: string;
  let client: LspTestClient;
  const paths: string[] = [];
  before(async () => {
    const http = await import('node:http');
    server = http.createServer((req, res) => {
      paths.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.setHeader('Content-Type', 'application/json');
      res.end(req.url === '/version' ? JSON.stringify({ major: '1', minor: '29+', gitVersion: 'v1.29.3' }) : '{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    dir = mkdtempSync(join(tmpdir(), 'wl-kubeconfig-'));
    const kubeconfig = join(dir, 'config');
    // plain http is allowed by the kubeconfig library only with insecure-skip-tls-verify
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: plain\n  cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: t0k3n}\ncontexts:\n- name: plain\n  context: {cluster: plain, user: u, namespace: team}\ncurrent-context: plain\n`);
    client = new LspTestClient();
    client.settings = { kubernetesVersion: 'auto', cluster: { enable: true, kubeconfig } };
  });
  after(async () => {
    await client.shutdown();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('enable connects once, with the kubeconfig\'s token; the target version becomes the server\'s minor', async () => {
    const statuses: ClusterStatus[] = [];
    const connected = new Promise<ClusterStatus>((resolve) => {
      client.connection.onNotification('workloadLens/clusterStatus', (s: ClusterStatus) => {
        statuses.push(s);
        if (s.connected) resolve(s);
      });
    });
    await client.initialize();
    const status = await connected;
    assert.equal(status.label, 'plain · v1.29.3');
    assert.equal(status.minor, 29);
    assert.equal(status.autoVersion, '1.29');
    assert.deepEqual(paths, ['GET /version Bearer t0k3n']);
  });

  test('hovers speak of the connected cluster\'s version (successPolicy does not exist in 1.29)', async () => {
    const uri = 'file:///work/auto/job.yaml';
    const text = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  successPolicy:\n    rules: [{succeededCount: 1}]\n  template:\n    spec:\n      containers: [{name: a, image: busybox:1.36}]\n      restartPolicy: Never\n';
    client.open(uri, text);
    await client.nextDiagnostics(uri);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 4 } });
    assert.match(hover?.contents.value ?? '', /on your target 1\.29 this field does not exist/);
  });
});
