import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile, type CoreDiagnostic } from '../../server/src/core/diagnostics';

export const VERSION_CASES = join(__dirname, 'fixtures/versions/cases');

/** What one API server minor answered for a case (recorded by scripts/record-version-oracles.mjs). */
export interface OracleAnswer {
  accepted: boolean | null;
  stage: string;
  errors: Array<{ field: string; type: string }>;
  dropped: string[];
}

export function oracleAnswers(): Record<string, Record<string, OracleAnswer>> {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures/versions/oracle.json'), 'utf8'));
}

export function versionCaseFiles(): string[] {
  return readdirSync(VERSION_CASES).filter((f) => f.endsWith('.yaml')).sort();
}

const noIndex = (p: string) => p.replace(/\[[^\]]*\]/g, '');
const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);

/**
 * Whether the checker's findings for one minor tell the same story as that minor's API server:
 * rejected → errors at the server's paths; accepted → no error, and a dropped-field warning exactly
 * where PrepareForCreate dropped something (the server names the field or the object it emptied).
 * Returns undefined when they agree, else why not.
 */
export function disagreement(answer: OracleAnswer, found: CoreDiagnostic[]): string | undefined {
  const errors = found.filter((d) => d.severity === 'error');
  const drops = found.filter((d) => d.code === 'version-dropped-field');
  if (answer.accepted === false) {
    if (errors.length === 0) return `server rejects (${answer.errors.map((e) => `${e.type} ${e.field}`).join('; ')}), checker has no error`;
    const paths = errors.map((e) => e.path ?? '');
    for (const e of answer.errors) {
      if (!paths.some((p) => p === e.field || noIndex(p) === noIndex(e.field))) return `server error ${e.type} at ${e.field}; checker errors at ${paths.join(', ')}`;
    }
    return undefined;
  }
  if (errors.length) return `server accepts${answer.dropped.length ? ` (dropping ${answer.dropped.join(', ')})` : ''}; checker errors: ${errors.map((e) => `${e.code} ${e.path}`).join('; ')}`;
  for (const d of answer.dropped) if (!drops.some((w) => related(w.path ?? '', d))) return `server drops ${d}; checker does not warn`;
  for (const w of drops) if (!answer.dropped.some((d) => related(w.path ?? '', d))) return `checker warns that ${w.path} is dropped; server keeps it`;
  return undefined;
}

export function checkCase(file: string, minor: number): CoreDiagnostic[] {
  const text = readFileSync(join(VERSION_CASES, file), 'utf8');
  return checkFile(parseWorkloadFile(text), { enable: true, rules: {}, kubernetesMinor: minor });
}
