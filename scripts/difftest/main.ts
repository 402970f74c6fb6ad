// Differential test against the API server's own create path (the k8s-validate oracle):
//   npm run difftest -- --oracle /path/to/k8s-validate-1.36 [--n 2000] [--seed 1] [--kubernetes-version 1.36]
//                       [--seeds dir|file ...] [--out dir]
// Generates mutated variants of seed manifests (default: the project's examples and the manifests in its
// tests), sends them all to the oracle in one call (-input kubectl, what `kubectl apply` sends), checks
// each with our core's checkFile, and prints verdict and path agreement and every disagreement class.
// A development tool: not part of `npm test` (its recorded answers are, see scripts/difftest/record.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SEED_DIRS, loadSeeds } from './seeds';
import { askOracle, compare, generate, report, summarise, type Outcome } from './run';

interface Args {
  oracle: string;
  n: number;
  seed: number;
  minor?: number;
  seeds: string[];
  out?: string;
  groups: number;
}

const USAGE = 'usage: npm run difftest -- --oracle <k8s-validate binary> [--n N] [--seed S] [--kubernetes-version <minor>] [--seeds <dir|file>...] [--out <dir>] [--groups N]';

function parse(argv: string[]): Args {
  const args: Args = { oracle: '', n: 2000, seed: 1, seeds: [], groups: 40 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--oracle') args.oracle = value();
    else if (a === '--n') args.n = Number(value());
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--kubernetes-version') args.minor = parseMinor(value());
    else if (a === '--out') args.out = value();
    else if (a === '--groups') args.groups = Number(value());
    else if (a === '--seeds') {
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args.seeds.push(argv[++i]);
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (!args.oracle) throw new Error(`--oracle is required\n${USAGE}`);
  if (!Number.isInteger(args.n) || args.n < 1) throw new Error('--n must be a positive integer');
  return args;
}

export function parseMinor(text: string): number {
  const m = /^v?1\.(\d+)(?:\.\d+)?$/.exec(text.trim()) ?? /^(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--kubernetes-version: expected 1.<minor>, got ${text}`);
  return Number(m[1]);
}

/** The minor the oracle binary was built from (`-version` prints e.g. "Kubernetes v1.36.1 (…)"). */
export function oracleMinor(binary: string): number | undefined {
  try {
    const out = execFileSync(binary, ['-version'], { encoding: 'utf8' });
    const m = /v?1\.(\d+)\.\d+/.exec(out);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function main(): void {
  const args = parse(process.argv.slice(2));
  const binMinor = oracleMinor(args.oracle);
  const minor = args.minor ?? binMinor ?? 36;
  if (binMinor !== undefined && binMinor !== minor) console.error(`note: the oracle is Kubernetes 1.${binMinor}, checking for 1.${minor}`);
  const seeds = loadSeeds(args.seeds.length ? args.seeds : DEFAULT_SEED_DIRS);
  if (!seeds.length) throw new Error('no DaemonSet/Job/CronJob seed manifests found');
  const started = Date.now();
  const variants = generate(seeds, args.n, args.seed, true);
  const out = args.out ? resolve(args.out) : undefined;
  if (out) mkdirSync(out, { recursive: true });
  const answers = askOracle(args.oracle, variants, out);
  const oracleMs = Date.now() - started;
  const outcomes: Outcome[] = [];
  let skipped = 0;
  for (const v of variants) {
    const a = answers.get(v.id);
    if (!a) {
      skipped++;
      continue;
    }
    outcomes.push(compare(v, a, minor));
  }
  const s = summarise(outcomes);
  const text = report(s, `Kubernetes 1.${minor}: ${seeds.length} seeds, ${variants.length} variants (seed ${args.seed}), ${skipped} skipped by the oracle; ${((Date.now() - started) / 1000).toFixed(1)} s (oracle ${(oracleMs / 1000).toFixed(1)} s)`, args.groups);
  console.log(text);
  if (out) {
    writeFileSync(join(out, 'report.txt'), text + '\n');
    writeFileSync(join(out, 'seeds.txt'), seeds.map((sd, i) => `${i}\t${sd.origin}`).join('\n') + '\n');
    writeFileSync(
      join(out, 'answers.jsonl'),
      outcomes.map((o) => JSON.stringify({ id: o.variant.id, seed: seeds[o.variant.seed].origin, mutations: o.variant.mutations, oracle: o.oracle, ours: o.ours, missingPaths: o.missingPaths })).join('\n') + '\n',
    );
    console.log(`\nvariants, answers and report written to ${out}`);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
