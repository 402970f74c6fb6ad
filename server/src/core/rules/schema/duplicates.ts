import { registerRules, type Rule } from '../registry';

/**
 * A mapping key given twice is not an error for kubectl: sigs.k8s.io/yaml turns the YAML into JSON and the
 * last value wins, so `kubectl apply` succeeds with the earlier value silently dropped. The parser keeps only
 * the last pair (what every other rule sees); this lint points at the one that counts.
 */
export const duplicateKeyRule: Rule = {
  id: 'duplicate-key',
  kinds: ['DaemonSet', 'Job', 'CronJob'],
  category: 'lint',
  severity: 'warning',
  title: 'Duplicate mapping key',
  description: 'The same key twice in one mapping. kubectl converts YAML to JSON keeping the last value, so the manifest applies, but the earlier value is silently ignored: usually an editing mistake. The warning sits on the key that counts and names the line of the first one.',
  docs: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
  check(ctx) {
    const text = ctx.doc.source ?? '';
    for (const d of ctx.doc.duplicateKeys ?? []) {
      const above = countLines(text, d.firstStart, d.start);
      const where = above === 0 ? 'earlier on this line' : `${above} line${above === 1 ? '' : 's'} above`;
      ctx.report({
        start: d.start,
        end: d.end,
        message: `Duplicate key "${d.key}" (first given ${where}): kubectl keeps this last value and silently drops the earlier one.`,
        path: null,
      });
    }
  },
};

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

registerRules([duplicateKeyRule]);

/** The duplicate-key messages with the first occurrence's line in the file (rules see only their document). */
export function placeDuplicateKeyLines(lines: { positionAt(offset: number): { line: number } }, list: Array<{ code: string; start: number; message: string }>): void {
  for (const d of list) {
    if (d.code !== duplicateKeyRule.id) continue;
    d.message = d.message.replace(/\(first given (\d+) lines? above\)/, (_, n: string) => `(first given on line ${lines.positionAt(d.start).line - Number(n) + 1})`);
  }
}
