// Records the oracle's answers as test fixtures (test/unit/fixtures/k8s-oracle/), replayed by
// test/unit/k8sOracle.test.ts so `npm test` holds the agreement without the binaries:
//   node --import tsx scripts/difftest/record.ts --oracle-dir /tmp/oracle [--seeds dir…] [--n36 1500] [--n 170]
//   node --import tsx scripts/difftest/record.ts --prune-gaps   (no oracle needed: drops the known gaps that agree now)
// The oracle directory holds k8s-validate-1.27 … k8s-validate-1.36. Each case is stored as its seed (once,
// in seeds.json) plus the changes that make the variant (ops), and the server's verdict: accepted, stage and
// error paths with their types. Cases our checker still gets wrong go to known-gaps.json with the reason.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyOps, recordedDisagreement, variantYaml, type RecordedCase } from '../../test/helpers/k8sOracle';
import { oracleMinor } from './main';
import { askOracle, compare, generate, rootCauses, type Outcome } from './run';
import { DEFAULT_SEED_DIRS, loadSeeds } from './seeds';

const OUT = resolve(__dirname, '../../test/unit/fixtures/k8s-oracle');

interface Options {
  oracleDir: string;
  seeds: string[];
  n36: number;
  n: number;
  minors: number[];
}

function parse(argv: string[]): Options {
  const o: Options = { oracleDir: '', seeds: [], n36: 1500, n: 170, minors: [27, 28, 29, 30, 31, 32, 33, 34, 35, 36] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--oracle-dir') o.oracleDir = argv[++i];
    else if (a === '--n36') o.n36 = Number(argv[++i]);
    else if (a === '--n') o.n = Number(argv[++i]);
    else if (a === '--minors') o.minors = argv[++i].split(',').map(Number);
    else if (a === '--seeds') while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) o.seeds.push(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.oracleDir) throw new Error('usage: record.ts --oracle-dir <dir with k8s-validate-1.27 … -1.36> [--seeds dir…] [--n36 N] [--n N]');
  return o;
}

/** Drops the known gaps our checker now agrees on (after a fix), without asking the oracle again. */
function pruneGaps(): void {
  const seeds = JSON.parse(readFileSync(join(OUT, 'seeds.json'), 'utf8')) as { obj: unknown }[];
  const gaps = JSON.parse(readFileSync(join(OUT, 'known-gaps.json'), 'utf8')) as { id: string; reason: string }[];
  const cases = new Map<string, { c: RecordedCase; minor: number }>();
  for (const f of readdirSync(OUT).filter((n) => /^1\.\d+\.json$/.test(n))) {
    const { minor, cases: list } = JSON.parse(readFileSync(join(OUT, f), 'utf8')) as { minor: number; cases: RecordedCase[] };
    for (const c of list) cases.set(c.id, { c, minor });
  }
  const kept = gaps.filter((g) => {
    const hit = cases.get(g.id);
    return hit !== undefined && recordedDisagreement(hit.c, seeds[hit.c.s].obj, hit.minor) !== undefined;
  });
  writeFileSync(join(OUT, 'known-gaps.json'), `[\n${kept.map((g) => JSON.stringify(g)).join(',\n')}\n]\n`);
  console.log(`known gaps: ${gaps.length} → ${kept.length} (${gaps.length - kept.length} agree now)`);
}

function main(): void {
  if (process.argv.includes('--prune-gaps')) return pruneGaps();
  const o = parse(process.argv.slice(2));
  const seeds = loadSeeds(o.seeds.length ? o.seeds : DEFAULT_SEED_DIRS);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'seeds.json'), JSON.stringify(seeds.map((s) => ({ origin: s.origin, obj: s.obj }))) + '\n');
  const gaps: { id: string; reason: string }[] = [];
  for (const minor of o.minors) {
    const binary = join(o.oracleDir, `k8s-validate-1.${minor}`);
    if (!existsSync(binary)) throw new Error(`no oracle for 1.${minor}: ${binary}`);
    if (oracleMinor(binary) !== minor) throw new Error(`${binary} is not Kubernetes 1.${minor}`);
    const variants = generate(seeds, minor === 36 ? o.n36 : o.n, 7000 + minor);
    const answers = askOracle(binary, variants);
    const cases: RecordedCase[] = [];
    let agreed = 0;
    for (const v of variants) {
      const a = answers.get(v.id);
      if (!a) continue;
      if (variantYaml(applyOps(seeds[v.seed].obj, v.ops)) !== v.yaml) throw new Error(`${v.id}: ops do not reproduce the variant`);
      const id = `1.${minor}/${v.id}`;
      cases.push({ id, s: v.seed, ops: v.ops, accepted: a.accepted, stage: a.stage, errors: a.errors.map((e) => [e.field, e.type]) });
      const outcome: Outcome = compare(v, a, minor);
      const causes = rootCauses(outcome);
      if (causes.length) gaps.push({ id, reason: causes.join('; ') });
      else agreed++;
    }
    writeFileSync(join(OUT, `1.${minor}.json`), `{"minor":${minor},"cases":[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`);
    console.log(`1.${minor}: ${cases.length} cases recorded, ${agreed} agree now, ${cases.length - agreed} known gaps`);
  }
  writeFileSync(join(OUT, 'known-gaps.json'), `[\n${gaps.map((g) => JSON.stringify(g)).join(',\n')}\n]\n`);
}

main();
