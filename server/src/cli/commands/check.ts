import { parseWorkloadFile } from '../../core/model/workloadFile';
import { checkFile, type CheckSettings, type Severity } from '../../core/diagnostics';
import { allRules } from '../../core/rules/registry';
import { kubernetesMinorFlag, oneOf, parseArgs, readInputs, UsageError } from '../io';
import { mergeClusterDiagnostics } from '../../core/clusterFindings';
import { dryRunFile } from '../../clusterCheck';
import { openCluster } from '../cluster';
import { tooLarge } from '../../core/model/limits';
import type { CliCommand } from '../command';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  path: string | null;
}

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check [files|dirs|-]... [--format text|json] [--rule id=error|warning|info|hint|off[,id=…]] [--kubernetes-version 1.27..1.36] [--server-dry-run [--kubeconfig F] [--context C]]',
  summary: 'Report what the API server would reject, and lints, for DaemonSet/Job/CronJob YAML.',
  async run(args, io) {
    const { positional, flags } = parseArgs(args, { format: 'string', rule: 'string', 'kubernetes-version': 'string', 'server-dry-run': 'boolean', kubeconfig: 'string', context: 'string' });
    const format = oneOf(flags.format, ['text', 'json'] as const, 'format', 'text');
    const settings: CheckSettings = { enable: true, rules: parseRuleFlag(flags.rule), kubernetesMinor: kubernetesMinorFlag(flags['kubernetes-version']) };
    if (positional.length === 0) throw new UsageError('check needs at least one file, directory or - for stdin');
    const findings: JsonFinding[] = [];
    // The cluster is asked only with --server-dry-run; a kubeconfig problem is bad input (exit 2).
    const cluster = flags['server-dry-run'] ? openCluster(flags) : undefined;
    if (!cluster && (flags.kubeconfig !== undefined || flags.context !== undefined)) throw new UsageError('--kubeconfig and --context go with --server-dry-run');
    let clusterProblem: string | undefined;
    for (const input of readInputs(positional, io.readStdin, { allowOversize: true })) {
      if (input.oversize !== undefined) {
        const { code, message } = tooLarge(input.oversize, 'bytes');
        findings.push({ file: input.name, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code, message, path: null });
        continue;
      }
      const file = parseWorkloadFile(input.text);
      let own = checkFile(file, settings);
      if (cluster && !clusterProblem) {
        const { report, diagnostics } = await dryRunFile(cluster, file);
        // An unreachable cluster is said once, on the first file; the other files get our own checks only.
        clusterProblem = report.problem;
        own = mergeClusterDiagnostics(own, diagnostics);
      }
      for (const d of own.sort((a, b) => a.start - b.start || a.end - b.end)) {
        const start = file.lines.positionAt(d.start);
        const end = file.lines.positionAt(d.end);
        findings.push({
          file: input.name,
          line: start.line + 1,
          column: start.character + 1,
          endLine: end.line + 1,
          endColumn: end.character + 1,
          severity: d.severity,
          code: d.code,
          message: d.message,
          path: d.path,
        });
      }
    }
    if (format === 'json') {
      io.out(JSON.stringify(findings, null, 2));
    } else {
      for (const f of findings) io.out(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.path ? `${f.path}: ` : ''}${f.message}`);
      const errors = findings.filter((f) => f.severity === 'error').length;
      io.err(`${findings.length} problem${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}) in ${new Set(findings.map((f) => f.file)).size} file(s)`);
    }
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};

const RULE_LEVELS = ['error', 'warning', 'info', 'hint', 'off'] as const;

/** `--rule id=level[,id=level…]`: per-rule severity overrides, as the workloadLens.validate.rules setting. */
function parseRuleFlag(value: string | boolean | undefined): CheckSettings['rules'] {
  const rules: CheckSettings['rules'] = {};
  if (value === undefined || value === false) return rules;
  if (value === true) throw new UsageError('--rule needs id=level, e.g. --rule wrong-type=warning');
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [id, level] = part.split('=').map((p) => p.trim());
    if (!allRules().some((r) => r.id === id)) throw new UsageError(`--rule: unknown rule "${id}" (see docs/rules.md)`);
    if (!(RULE_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--rule ${id}: level must be one of ${RULE_LEVELS.join(', ')}`);
    rules[id] = level as (typeof RULE_LEVELS)[number];
  }
  return rules;
}
