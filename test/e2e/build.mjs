// Bundles the extension-host mocha suite (test/e2e/suite) into out/e2e/suite with esbuild.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/codeServer.mjs';

export const SUITE_OUT = join(ROOT, 'out', 'e2e', 'suite');

export async function buildSuite() {
  const src = join(ROOT, 'test', 'e2e', 'suite');
  const entries = readdirSync(src).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(src, f));
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(SUITE_OUT, 'index.js');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await buildSuite());
}
