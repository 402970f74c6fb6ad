// Placement over 5,000 nodes (Kubernetes' supported maximum) and the Job/CronJob simulations.
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { nodesFromFile, nodesFromText, placePod, podTemplateOf, type NodeInfo } from '../../server/src/core/placement';
import { simulateCronJob, simulateJob } from '../../server/src/core/simulate';
import { renderPlacement, type ViewState } from '../../client/src/placement/render';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspTestClient, SERVER } from '../../test/helpers/lspClient';
import { PlacementRequest } from '../../server/src/protocol';
import { medianMs as median } from './timing';

/** 5,000 nodes: zones, disk types, a tainted GPU pool, NoExecute edge nodes, cordoned and small nodes. */
export function manyNodes(count = 5000): NodeInfo[] {
  const nodes: NodeInfo[] = [];
  for (let i = 0; i < count; i++) {
    const taints: NodeInfo['taints'] = [];
    if (i % 10 === 0) taints.push({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' });
    if (i % 25 === 0) taints.push({ key: 'edge', value: 'true', effect: 'NoExecute' });
    if (i % 7 === 0) taints.push({ key: 'team', value: `t${i % 5}`, effect: 'PreferNoSchedule' });
    if (i === 0) taints.push({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
    nodes.push({
      name: `node-${String(i).padStart(4, '0')}`,
      labels: { 'kubernetes.io/hostname': `node-${i}`, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': `zone-${i % 3}`, disktype: i % 2 ? 'ssd' : 'hdd', gen: String(i % 6) },
      taints,
      unschedulable: i % 97 === 0,
      allocatable: { cpu: i % 13 === 0 ? '250m' : '16', memory: '64Gi', pods: '110' },
    });
  }
  return nodes;
}

function nodesYaml(nodes: NodeInfo[]): string {
  return nodes
    .map((n) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${n.name}\n  labels:\n${Object.entries(n.labels).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}\nspec:\n  unschedulable: ${n.unschedulable}\n  taints:${n.taints.length ? '\n' + n.taints.map((t) => `  - key: ${t.key}\n    value: "${t.value ?? ''}"\n    effect: ${t.effect}`).join('\n') : ' []'}\nstatus:\n  allocatable:\n    cpu: "${n.allocatable!.cpu}"\n    memory: ${n.allocatable!.memory}\n    pods: "110"\n`)
    .join('---\n');
}

const DAEMONSET = podTemplateOf({
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: {
    template: {
      spec: {
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }, { key: 'team', operator: 'Equal', value: 't1' }],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-0', 'zone-1'] }, { key: 'gen', operator: 'Gt', values: ['1'] }] }, { matchExpressions: [{ key: 'disktype', operator: 'NotIn', values: ['hdd'] }] }] } } },
        containers: [{ name: 'a', image: 'agent', resources: { requests: { cpu: '500m', memory: '128Mi' } } }],
      },
    },
  },
})!;

export async function benchPlacement(): Promise<Array<{ case: string; ms: number; note?: string }>> {
  const rows: Array<{ case: string; ms: number; note?: string }> = [];
  const nodes = manyNodes();
  const report = placePod(DAEMONSET, nodes);
  const place = median(() => placePod(DAEMONSET, nodes), 9);
  rows.push({ case: 'placement: DaemonSet over 5,000 nodes', ms: place, note: `target < 50 ms; ${report.counts.scheduled} scheduled, ${report.counts.pending} pending, ${report.counts.notScheduled} not scheduled` });
  const job = { ...DAEMONSET, kind: 'Job', mode: 'scheduler' as const };
  rows.push({ case: 'placement: Job pod over 5,000 nodes (scheduler filters)', ms: median(() => placePod(job, nodes), 9) });
  rows.push({ case: 'placement: with what-if (add toleration, remove and add taints)', ms: median(() => placePod(DAEMONSET, nodes, { addTolerations: [{ key: 'edge', operator: 'Exists' }], removeTaints: [{ node: '*', key: 'nvidia.com/gpu' }], addTaints: [{ node: 'node-0001', taint: 'x:NoSchedule' }] }), 9) });
  const text = nodesYaml(nodes);
  rows.push({ case: 'nodes: parse a 5,000-node YAML file', ms: median(() => nodesFromFile(parseWorkloadFile(text), 'bench'), 3), note: `${(text.length / 1e6).toFixed(1)} MB; the LSP parses a nodes file once and caches it until it changes` });
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: nodes.map((n) => ({ kind: 'Node', metadata: { name: n.name, labels: n.labels }, spec: { unschedulable: n.unschedulable, taints: n.taints }, status: { allocatable: n.allocatable } })) });
  rows.push({ case: 'nodes: parse 5,000 nodes from kubectl get nodes -o json', ms: median(() => nodesFromText(json, 'bench.json'), 5), note: `${(json.length / 1e6).toFixed(1)} MB; the LSP caches a nodes file until it changes` });
  const state: ViewState = { filter: 'all', page: 0, removedTaints: new Set(), sim: {} };
  const esc = (v: unknown) => String(v ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
  const full = { ...report, uri: 'file:///bench.yaml', nodeSources: ['bench'] };
  let html = '';
  rows.push({ case: 'panel: render the 5,000-node report (one 200-row page)', ms: median(() => (html = renderPlacement(esc, full, state)), 9), note: `${(html.length / 1024).toFixed(0)} KiB of HTML` });
  const jobSpec = { completions: 1000, parallelism: 50, backoffLimit: 100, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i', command: ['sleep', '30'] }] } } };
  rows.push({ case: 'simulate: Job, 1,000 completions, parallelism 50, 20% failures', ms: median(() => simulateJob('bench', jobSpec, { failureRate: 0.2, maxPods: 5000 }), 5), note: `${simulateJob('bench', jobSpec, { failureRate: 0.2, maxPods: 5000 }).pods.length} pods` });
  rows.push({ case: 'simulate: CronJob every minute over 24 h', ms: median(() => simulateCronJob('bench', { schedule: '* * * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: jobSpec } }, { from: new Date('2026-01-01T00:00:00Z'), hours: 24, runDurationSeconds: 150, maxRuns: 1440 }), 3) });
  if (existsSync(SERVER)) rows.push(await lspRoundTrip(json));
  return rows;
}

/** The whole request through the built server: 5,000 nodes from a (cached) JSON nodes file. */
async function lspRoundTrip(nodesJson: string): Promise<{ case: string; ms: number; note?: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'wl-bench-')), 'nodes.json');
  writeFileSync(file, nodesJson);
  const client = new LspTestClient();
  try {
    await client.initialize();
    const uri = 'file:///bench/ds.yaml';
    client.open(uri, 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n      - name: a\n        image: agent\n');
    const samples: number[] = [];
    let first = 0;
    let bytes = 0;
    for (let i = 0; i < 6; i++) {
      const t = process.hrtime.bigint();
      const r = await client.request(PlacementRequest, { uri, position: { line: 0, character: 0 }, nodesFile: file, whatIf: i % 2 ? { removeTaints: [{ node: '*', key: 'edge' }] } : {} });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i === 0) {
        first = ms;
        bytes = JSON.stringify(r).length;
      } else samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    return { case: 'LSP workloadLens/placement round trip, 5,000 nodes', ms: samples[Math.floor(samples.length / 2)], note: `first request ${first.toFixed(0)} ms (reads the nodes file); ${(bytes / 1024).toFixed(0)} KiB response` };
  } finally {
    await client.shutdown();
  }
}

if (require.main === module) {
  void benchPlacement().then((rows) => {
    for (const r of rows) console.log(`${r.case.padEnd(70)} ${r.ms.toFixed(2).padStart(9)} ms  ${r.note ?? ''}`);
  });
}
