import '../../server/src/core/rules';
import { allRules, type Rule } from '../../server/src/core/rules/registry';

const CATEGORY_TITLES: Record<Rule['category'], string> = {
  api: 'API errors: what the API server rejects',
  lint: 'Lints: advice, never errors',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** docs/rules.md as the rule registry describes it. */
export function renderRulesDoc(rules: readonly Rule[] = allRules()): string {
  const out: string[] = [];
  out.push('# Workload Lens rules');
  out.push('');
  out.push('<!-- Generated from the rule registry by `npm run docs:rules`. Do not edit by hand. -->');
  out.push('');
  out.push('Every check Workload Lens makes, in the editor and in `workload-lens check`. API errors mirror what');
  out.push('`kubectl apply` (strict field validation) and API-server validation reject; lints are advice and are never errors.');
  out.push('');
  out.push('## Settings');
  out.push('');
  out.push('- `workloadLens.validate.enable` (default `true`): turn all checking on or off.');
  out.push('- `workloadLens.validate.rules`: per-rule severity by id, `"error"`, `"warning"`, `"info"`, `"hint"`, or `"off"`,');
  out.push('  for example `{ "wrong-type": "warning", "missing-required-field": "off" }`.');
  out.push('');
  out.push('## Disabling a lint on one line');
  out.push('');
  out.push('A comment `# workload-lens-disable-line <rule-id>[, <rule-id>…]` on the line a finding starts on, or');
  out.push('`# workload-lens-disable-next-line <rule-id>…` on the line above it, silences those lints there (with no id: every');
  out.push('lint on that line). Comments do not silence API errors, because the cluster would still reject the manifest; use');
  out.push('the `workloadLens.validate.rules` setting to turn one of those off. The quick fix "Disable … for this line" writes');
  out.push('the comment for you.');
  for (const category of ['api', 'lint'] as const) {
    const list = rules.filter((r) => r.category === category).sort((a, b) => a.id.localeCompare(b.id));
    out.push('');
    out.push(`## ${CATEGORY_TITLES[category]}`);
    out.push('');
    if (list.length === 0) {
      out.push('None yet.');
      continue;
    }
    out.push('| Rule | Kinds | Severity | What it checks | Docs |');
    out.push('|---|---|---|---|---|');
    for (const r of list) {
      out.push(`| \`${r.id}\` | ${r.kinds.join(', ')} | ${r.severity} | **${cell(r.title)}**. ${cell(r.description)} | [docs](${r.docs}) |`);
    }
  }
  out.push('');
  return out.join('\n');
}
