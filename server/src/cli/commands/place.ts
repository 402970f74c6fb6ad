import { parseWorkloadFile } from '../../core/model/workloadFile';
import { defaultCluster, DEFAULT_CLUSTER_NAME, nodesFromFile, nodesFromText, type NodeSet } from '../../core/placement/nodes';
import { placePod } from '../../core/placement/engine';
import { podTemplatesIn, type PodTemplateRef } from '../../core/placement/workload';
import type { PlacementReport } from '../../core/placement/types';
import { kubernetesMinorFlag, oneOf, parseArgs, readInputs, UsageError } from '../io';
import { clusterNodes } from '../../core/placement/inUse';
import { openCluster } from '../cluster';
import type { CliCommand } from '../command';

function jsonOf(report: PlacementReport, nodeSources: string[]) {
  return {
    workload: report.workload,
    nodes: report.nodes.map((n) => ({ node: n.node, result: n.result, reasons: n.reasons, role: n.role, taints: n.taints, notes: n.notes })),
    counts: report.counts,
    summary: report.summary,
    nodeSources,
    warnings: report.warnings,
  };
}

/** Said whenever no nodes were given, so nobody mistakes the lesson's cluster for theirs. */
export const DEFAULT_NODES_NOTE =
  "No nodes given: this is placement on the lesson's 3-node kind cluster (one tainted control-plane node, two workers), not on your cluster. Pass your real nodes with --nodes <file> (e.g. kubectl get nodes -o yaml > nodes.yaml), or put Node objects in the input.";

export const placeCommand: CliCommand = {
  name: 'place',
  usage: 'place <files|dirs|->... [--nodes <file> | --cluster [--kubeconfig F] [--context C]] [--format text|json] [--kubernetes-version 1.27..1.36]',
  summary: 'Show on which nodes the pods of a DaemonSet (or any pod template) would run, and why not elsewhere.',
  async run(args, io) {
    const { positional, flags } = parseArgs(args, { nodes: 'string', format: 'string', 'kubernetes-version': 'string', cluster: 'boolean', kubeconfig: 'string', context: 'string' });
    const kubernetesMinor = kubernetesMinorFlag(flags['kubernetes-version']);
    const format = oneOf(flags.format, ['text', 'json'] as const, 'format', 'text');
    if (positional.length === 0) throw new UsageError('place needs at least one file, directory or - for stdin');
    const set: NodeSet = { nodes: [], warnings: [] };
    const seen = new Set<string>();
    const sources: string[] = [];
    if (flags.cluster && flags.nodes !== undefined) throw new UsageError('--cluster and --nodes exclude each other');
    if (!flags.cluster && (flags.kubeconfig !== undefined || flags.context !== undefined)) throw new UsageError('--kubeconfig and --context go with --cluster');
    if (flags.cluster) {
      const client = openCluster(flags);
      let live;
      try {
        live = await client.nodesAndPods();
      } catch (error) {
        throw new UsageError(String((error as Error)?.message ?? error));
      }
      const got = clusterNodes(live.nodes, live.pods, live.source);
      set.nodes.push(...got.nodes);
      set.warnings.push(...got.warnings);
      for (const n of got.nodes) seen.add(n.name);
      if (set.nodes.length === 0) throw new UsageError(`${live.source} has no nodes`);
      sources.push(live.source);
    }
    if (typeof flags.nodes === 'string') {
      const [input] = readInputs([flags.nodes], io.readStdin);
      nodesFromText(input.text, input.name, set, seen);
      if (set.nodes.length === 0) throw new UsageError(`${input.name} holds no Node objects (expected Node, NodeList or kubectl get nodes -o yaml output)`);
      sources.push(input.name);
    }
    const templates: PodTemplateRef[] = [];
    for (const input of readInputs(positional, io.readStdin)) {
      const file = parseWorkloadFile(input.text);
      const before = set.nodes.length;
      nodesFromFile(file, input.name, set, seen);
      if (set.nodes.length > before) sources.push(input.name);
      templates.push(...podTemplatesIn(file));
    }
    if (templates.length === 0) throw new UsageError('no DaemonSet, Job, CronJob or other pod template found in the input');
    const usesDefaultNodes = set.nodes.length === 0;
    if (usesDefaultNodes) {
      set.nodes = defaultCluster();
      sources.push(DEFAULT_CLUSTER_NAME);
    }
    const reports = templates.map((t) => {
      const r = placePod(t, set.nodes, {}, kubernetesMinor);
      r.warnings.unshift(...set.warnings);
      return r;
    });
    if (format === 'json') {
      const out = reports.map((r) => ({ ...jsonOf(r, sources), ...(usesDefaultNodes ? { nodesNote: DEFAULT_NODES_NOTE } : {}) }));
      io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
      return 0;
    }
    if (usesDefaultNodes) io.err(`note: ${DEFAULT_NODES_NOTE}`);
    for (const r of reports) {
      io.out(`${r.workload} on ${sources.join(', ')}`);
      const width = Math.max(4, ...r.nodes.map((n) => n.node.length));
      for (const n of r.nodes) {
        const mark = n.result === 'scheduled' ? '✓' : n.result === 'pending' ? '…' : '✗';
        io.out(`  ${mark} ${n.node.padEnd(width)}  ${n.result.padEnd(13)} ${n.reasons.join('; ')}`);
      }
      io.out(`  ${r.summary}`);
      for (const w of r.warnings) io.err(`warning: ${w}`);
      io.out('');
    }
    return 0;
  },
};
