import type { WorkloadFile } from './core/model/workloadFile';
import { docToObject } from './core/placement/workload';
import { dryRunDiagnostics, type DryRunReport } from './core/clusterFindings';
import type { CoreDiagnostic } from './core/diagnostics';


type Client = import('./cluster/client').ClusterClient;

/** The DaemonSets, Jobs and CronJobs of a file that can be sent: plain YAML without syntax errors. */
export function dryRunInputs(file: WorkloadFile): Array<{ doc: number; object: Record<string, unknown> }> {
  if (file.templated) return [];
  const out: Array<{ doc: number; object: Record<string, unknown> }> = [];
  file.docs.forEach((placed, doc) => {
    if (!placed.doc.workload || placed.doc.syntax.some((p) => p.severity === 'error')) return;
    const { value } = docToObject(placed.doc);
    if (value && typeof value === 'object' && !Array.isArray(value)) out.push({ doc, object: value as Record<string, unknown> });
  });
  return out;
}

/** Dry-runs a file's workloads on the cluster: the report (plain data) and its diagnostics. */
export async function dryRunFile(client: Client, file: WorkloadFile): Promise<{ report: DryRunReport; diagnostics: CoreDiagnostic[]; objects: number }> {
  const inputs = dryRunInputs(file);
  const report = inputs.length ? await client.dryRun(inputs) : { context: client.context, outcomes: [] };
  return { report, diagnostics: dryRunDiagnostics(file, report), objects: inputs.length };
}
