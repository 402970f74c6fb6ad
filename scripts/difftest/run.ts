// Generating variants, asking the oracle (one batched call) and our checker, comparing the answers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rng } from '../../test/helpers/rng';
import { diffOps, ourErrors, pathFound, pathKey, variantYaml, type Op, type OracleError, type OracleVerdict } from '../../test/helpers/k8sOracle';
import { makeCtx, mutate } from './mutate';
import type { Seed } from './seeds';

export interface Variant {
  id: string;
  seed: number;
  mutations: string[];
  ops: Op[];
  yaml: string;
  /** Changed as text after the ops (a duplicate key): seed + ops do not reproduce it, so it is never recorded. */
  textLevel?: boolean;
}

/** Repeats one `key: scalar` line with another value right after it: YAML with a duplicate key. */
function duplicateKey(text: string, r: () => number): { text: string; key: string } | undefined {
  const lines = text.split('\n');
  const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*(- )?[A-Za-z][\w.-]*: [^{[|>&*!]\S*$/.test(l));
  if (!candidates.length) return undefined;
  const [line, i] = candidates[Math.floor(r() * candidates.length)];
  const m = /^(\s*)(- )?([A-Za-z][\w.-]*): /.exec(line)!;
  const indent = m[1] + (m[2] ? '  ' : '');
  const other = r() < 0.5 ? `${indent}${m[3]}: ${line.slice(m[0].length)}` : `${indent}${m[3]}: "x"`;
  lines.splice(i + 1, 0, other);
  return { text: lines.join('\n'), key: m[3] };
}

export interface OracleAnswer extends OracleVerdict {
  warnings?: string[];
  dropped?: string[];
  details: string[];
}

export interface Outcome {
  variant: Variant;
  oracle: OracleAnswer;
  ours: { code: string; path: string | null; message: string }[];
  /** Oracle error paths we do not report. */
  missingPaths: OracleError[];
}

/** `n` variants, deterministic from `seed`: a seed manifest each (round robin from a shuffled start), 1–3 mutations. */
export function generate(seeds: readonly Seed[], n: number, seed: number, withTextMutations = false): Variant[] {
  const r = rng(seed);
  const c = makeCtx(r);
  const out: Variant[] = [];
  const width = String(n).length;
  for (let i = 0; out.length < n && i < n * 3; i++) {
    const s = Math.floor(r() * seeds.length);
    const obj = JSON.parse(JSON.stringify(seeds[s].obj));
    const mutations = mutate(obj, c);
    if (!mutations.length) continue;
    const variant = JSON.parse(JSON.stringify(obj));
    let yaml = variantYaml(variant);
    let textLevel = false;
    if (withTextMutations && r() < 0.03) {
      const dup = duplicateKey(yaml, r);
      if (dup) {
        yaml = dup.text;
        mutations.push(`text: duplicate key ${dup.key} (kubectl keeps the last value)`);
        textLevel = true;
      }
    }
    out.push({ id: `v${String(out.length).padStart(width, '0')}`, seed: s, mutations, ops: diffOps(seeds[s].obj, variant), yaml, ...(textLevel ? { textLevel } : {}) });
  }
  return out;
}

/** Runs the oracle binary once over all variants (`-list`); answers by variant id. */
export function askOracle(binary: string, variants: readonly Variant[], dir?: string): Map<string, OracleAnswer | null> {
  const work = dir ?? mkdtempSync(join(tmpdir(), 'difftest-'));
  mkdirSync(join(work, 'variants'), { recursive: true });
  const paths = variants.map((v) => {
    const p = join(work, 'variants', `${v.id}.yaml`);
    writeFileSync(p, v.yaml);
    return p;
  });
  writeFileSync(join(work, 'list.txt'), paths.join('\n') + '\n');
  const out = execFileSync(binary, ['-input', 'kubectl', '-list', join(work, 'list.txt')], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const byPath = new Map<string, OracleAnswer | null>();
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line);
    if (d.accepted === null || d.stage === 'skip') {
      byPath.set(d.file, null);
      continue;
    }
    byPath.set(d.file, {
      accepted: d.accepted,
      stage: d.stage,
      errors: (d.errors ?? []).map((e: { field: string; type: string }) => ({ field: e.field ?? '', type: e.type })),
      details: (d.errors ?? []).map((e: { message: string }) => e.message),
      warnings: d.warnings,
      dropped: d.dropped,
    });
  }
  if (!dir) rmSync(work, { recursive: true, force: true });
  const answers = new Map<string, OracleAnswer | null>();
  variants.forEach((v, i) => answers.set(v.id, byPath.get(paths[i]) ?? null));
  return answers;
}

export function compare(variant: Variant, oracle: OracleAnswer, minor: number): Outcome {
  let ours: Outcome['ours'];
  try {
    ours = ourErrors(variant.yaml, minor).map((d) => ({ code: d.code, path: d.path, message: d.message }));
  } catch (err) {
    // A crash is a disagreement of its own class, not the end of the run.
    ours = [{ code: 'CRASH', path: null, message: String((err as Error)?.stack ?? err).slice(0, 400) }];
  }
  const paths = ours.map((o) => o.path);
  const missingPaths = oracle.accepted ? [] : oracle.errors.filter((e) => !pathFound(e, oracle.stage, paths));
  return { variant, oracle, ours, missingPaths };
}

export interface Summary {
  n: number;
  agree: number;
  falseErrors: Outcome[];
  missed: Outcome[];
  bothReject: number;
  oraclePaths: number;
  foundPaths: number;
  decodeBoth: number;
  decodeFound: number;
  decodePaths: number;
  /** Documents the oracle rejects at strict decoding (HTTP 400), and how many of them we reject. */
  decodeDocs: number;
  decodeRejected: number;
  groups: Map<string, Outcome[]>;
}

/** Disagreement classes of one outcome (empty when we agree fully). */
export function rootCauses(o: Outcome): string[] {
  const accepted = o.oracle.accepted;
  const weReject = o.ours.length > 0;
  if (accepted && weReject) return [...new Set(o.ours.map((e) => `FALSE ERROR ${e.code} ${pathKey(e.path ?? '(no path)')}`))];
  if (!accepted && !weReject) return [`MISSED ${o.oracle.stage} ${o.oracle.errors[0]?.type} ${pathKey(o.oracle.errors[0]?.field || '(no field)')}`];
  return [...new Set(o.missingPaths.map((e) => `PATH ${o.oracle.stage} ${e.type} ${pathKey(e.field || '(no field)')}`))];
}

export function summarise(outcomes: readonly Outcome[]): Summary {
  const s: Summary = { n: outcomes.length, agree: 0, falseErrors: [], missed: [], bothReject: 0, oraclePaths: 0, foundPaths: 0, decodeBoth: 0, decodeFound: 0, decodePaths: 0, decodeDocs: 0, decodeRejected: 0, groups: new Map() };
  for (const o of outcomes) {
    const weReject = o.ours.length > 0;
    if (!o.oracle.accepted && o.oracle.stage === 'decode') {
      s.decodeDocs++;
      if (weReject) s.decodeRejected++;
    }
    if (o.oracle.accepted !== weReject) s.agree++;
    else if (o.oracle.accepted) s.falseErrors.push(o);
    else s.missed.push(o);
    if (!o.oracle.accepted && weReject) {
      if (o.oracle.stage === 'validate') {
        s.bothReject++;
        s.oraclePaths += o.oracle.errors.length;
        s.foundPaths += o.oracle.errors.length - o.missingPaths.length;
      } else {
        s.decodeBoth++;
        s.decodePaths += o.oracle.errors.length;
        s.decodeFound += o.oracle.errors.length - o.missingPaths.length;
      }
    }
    for (const key of rootCauses(o)) {
      const list = s.groups.get(key) ?? [];
      list.push(o);
      s.groups.set(key, list);
    }
  }
  return s;
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)} %`);

export function report(s: Summary, label: string, maxGroups = 40): string {
  const lines: string[] = [];
  lines.push(`== ${label}`);
  lines.push(`documents compared: ${s.n}`);
  lines.push(`verdict agreement:  ${pct(s.agree, s.n)} (${s.agree}/${s.n})`);
  lines.push(`false errors:       ${s.falseErrors.length} (oracle accepts, we error)`);
  lines.push(`missed:             ${s.missed.length} (oracle rejects, we are silent)`);
  lines.push(`path agreement:     ${pct(s.foundPaths, s.oraclePaths)} of ${s.oraclePaths} oracle error paths on ${s.bothReject} documents both reject at validation`);
  const validateN = s.n - s.decodeDocs;
  const validateAgree = s.agree - s.decodeRejected;
  lines.push(`  validate stage:   ${pct(validateAgree, validateN)} verdicts (${validateAgree}/${validateN}) on documents the server decodes`);
  lines.push(`  decode stage:     ${pct(s.decodeRejected, s.decodeDocs)} verdicts (${s.decodeRejected}/${s.decodeDocs}) on documents refused at strict decoding (HTTP 400; the server names only the first problem); its field found among ours in ${pct(s.decodeFound, s.decodePaths)}`);
  if (s.falseErrors.length) {
    lines.push('', '-- false errors (each case)');
    for (const o of s.falseErrors) lines.push(`${o.variant.id}  [${o.variant.mutations.join('; ')}]`, ...o.ours.map((e) => `    we: ${e.code} ${e.path}: ${e.message.slice(0, 160)}`));
  }
  const groups = [...s.groups.entries()].sort((a, b) => b[1].length - a[1].length);
  lines.push('', `-- disagreements by root cause (${groups.length} classes; count, key, smallest example)`);
  for (const [key, list] of groups.slice(0, maxGroups)) {
    const ex = list.reduce((a, b) => (b.variant.yaml.length < a.variant.yaml.length ? b : a));
    lines.push(`${String(list.length).padStart(5)}  ${key}`);
    lines.push(`       e.g. ${ex.variant.id} [${ex.variant.mutations.join('; ')}]`);
    for (const d of ex.oracle.details.slice(0, 3)) lines.push(`       oracle: ${d.slice(0, 200)}`);
    for (const e of ex.ours.slice(0, 3)) lines.push(`       we:     ${e.code} ${e.path}: ${e.message.slice(0, 140)}`);
  }
  if (groups.length > maxGroups) lines.push(`  … ${groups.length - maxGroups} more classes (see the answers file)`);
  return lines.join('\n');
}
