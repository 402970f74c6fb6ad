// `npm run bench:cluster`: server-side dry-run and node-read latency against the cluster of
// WORKLOAD_LENS_TEST_KUBECONFIG (or KUBECONFIG). Prints medians; never part of npm test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCluster } from '../../server/src/clusterLoader';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { dryRunFile } from '../../server/src/clusterCheck';
import { clusterNodes } from '../../server/src/core/placement/inUse';

const N = 30;
const kubeconfig = process.env.WORKLOAD_LENS_TEST_KUBECONFIG || process.env.KUBECONFIG;
if (!kubeconfig) {
  console.log('bench:cluster needs WORKLOAD_LENS_TEST_KUBECONFIG (or KUBECONFIG); nothing measured');
  process.exit(0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const cluster = loadCluster();
  const client = cluster.ClusterClient.open({ kubeconfig });
  const connectMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await client.connect();
    connectMs.push(performance.now() - t);
  }
  const job = parseWorkloadFile(readFileSync(join(__dirname, '../../examples/lesson/hello-job.yaml'), 'utf8'));
  const one: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const { report } = await dryRunFile(client, job);
    if (report.problem) throw new Error(report.problem);
    one.push(performance.now() - t);
  }
  const nodes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const { nodes: n, pods } = await client.nodesAndPods();
    clusterNodes(n, pods, 'bench');
    nodes.push(performance.now() - t);
  }
  console.log(`connect (GET /version), median of 5: ${median(connectMs).toFixed(1)} ms`);
  console.log(`dry run of hello-job.yaml (GET + dry-run POST), median of ${N}: ${median(one).toFixed(1)} ms (min ${Math.min(...one).toFixed(1)}, max ${Math.max(...one).toFixed(1)})`);
  console.log(`nodes + non-terminated pods for placement, median of 10: ${median(nodes).toFixed(1)} ms`);
}

main().catch((error) => {
  console.error(String(error?.message ?? error));
  process.exit(1);
});
