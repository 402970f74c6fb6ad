import type { ParsedDoc, WorkloadKind } from '../model/workloadFile';
import type { DocDiagnostic, Severity } from '../diagnostics';
import { DEFAULT_MINOR } from '../versions';

/** Per-rule override from settings: a severity, or 'off'. */
export type RuleSettings = Record<string, Severity | 'off'>;

export interface RuleContext {
  doc: ParsedDoc;
  kind: WorkloadKind;
  /** Target Kubernetes minor (36 for 1.36): rules ask core/versions about it, never compare it themselves. */
  minor: number;
  report(finding: Omit<DocDiagnostic, 'severity' | 'code' | 'href'> & { severity?: Severity }): void;
}

export interface Rule {
  id: string;
  /** The workload kinds the rule looks at. */
  kinds: readonly WorkloadKind[];
  /** 'api' rules mirror what the API server rejects (errors); 'lint' rules are advice. */
  category: 'api' | 'lint';
  severity: Severity;
  title: string;
  description: string;
  /** Kubernetes documentation page explaining the rule's subject. */
  docs: string;
  check(ctx: RuleContext): void;
}

const rules: Rule[] = [];
const SEVERITIES = new Set<string>(['error', 'warning', 'info', 'hint']);

export function registerRules(list: readonly Rule[]): void {
  for (const rule of list) {
    if (rules.some((r) => r.id === rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    rules.push(rule);
  }
}

export function allRules(): readonly Rule[] {
  return rules;
}

export function runRules(doc: ParsedDoc, settings: RuleSettings, minor: number = DEFAULT_MINOR): DocDiagnostic[] {
  const kind = doc.workload;
  if (!kind) return [];
  const out: DocDiagnostic[] = [];
  for (const rule of rules) {
    if (!rule.kinds.includes(kind)) continue;
    const setting = settings[rule.id];
    if (setting === 'off') continue;
    const override = setting && SEVERITIES.has(setting) ? setting : undefined;
    const severity = rule.severity;
    rule.check({
      doc,
      kind,
      minor,
      report: (f) => out.push({ ...f, severity: override ?? f.severity ?? severity, code: rule.id, href: rule.docs }),
    });
  }
  return out;
}
