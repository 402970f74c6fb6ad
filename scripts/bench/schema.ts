import { WorkloadParser } from '../../server/src/core/model/workloadFile';
import { schemaFindings } from '../../server/src/core/rules/schema/scan';
import { workloadStream } from './corpus';

/** The schema walk (unknown fields, types, quantities, required, enums) alone over 1,000 documents. */
export async function benchSchemaWalk(): Promise<Array<{ case: string; ms: number; note?: string }>> {
  const text = workloadStream(1000);
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    const file = new WorkloadParser().parse(text);
    const start = performance.now();
    let findings = 0;
    for (const { doc } of file.docs) if (doc.workload) findings += schemaFindings(doc, doc.workload).length;
    samples.push(performance.now() - start);
    if (findings !== 0) throw new Error(`the benchmark corpus should be clean, got ${findings} schema findings`);
  }
  samples.sort((a, b) => a - b);
  return [{ case: 'schema walk alone, 1000 docs', ms: samples[2], note: 'median of 5, freshly parsed documents (no memo)' }];
}
