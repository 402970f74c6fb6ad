// npm run fuzz -- --n 20000 --seed 1: random edits of real manifests and every request at random
// positions against the built server over stdio; prints what must never happen, counted.
import { runServerFuzz } from '../test/fuzz/serverFuzz';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v)) throw new Error(`--${name} needs a number`);
  return v;
}

async function main(): Promise<void> {
  const n = flag('n', 2000);
  const seed = flag('seed', Date.now() % 100000);
  const timeoutMs = flag('timeout', 10000);
  const started = Date.now();
  console.log(`fuzz: ${n} edits, seed ${seed}, per-request timeout ${timeoutMs} ms`);
  const counts = await runServerFuzz({
    edits: n,
    seed,
    timeoutMs,
    ...(process.argv.includes('--from') ? { replayFrom: flag('from', 0) } : {}),
    onExample: (e) => console.log(`  found ${e}`),
    onProgress: (c) => {
      if (c.edits % 1000 === 0) console.log(`  ${c.edits} edits, ${c.requests} requests, ${((Date.now() - started) / 1000).toFixed(0)} s: crashes ${c.crashes}, hangs ${c.hangs}, internal errors ${c.internalErrors}, corrupting fixes ${c.corruptingFixes}, peak RSS ${c.peakRssMiB} MiB`);
    },
  });
  console.log(`edits             ${counts.edits}`);
  console.log(`requests          ${counts.requests}`);
  console.log(`crashes           ${counts.crashes}`);
  console.log(`hangs             ${counts.hangs}`);
  console.log(`internal errors   ${counts.internalErrors}`);
  console.log(`malformed params not answered InvalidParams  ${counts.malformedAccepted}`);
  console.log(`corrupting fixes  ${counts.corruptingFixes} (of ${counts.fixesChecked} quick fixes applied and re-parsed)`);
  console.log(`peak server RSS   ${counts.peakRssMiB} MiB`);
  console.log(`time              ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const e of counts.examples) console.log(`  example ${e}`);
  const bad = counts.crashes + counts.hangs + counts.internalErrors + counts.corruptingFixes + counts.malformedAccepted;
  process.exitCode = bad ? 1 : 0;
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
