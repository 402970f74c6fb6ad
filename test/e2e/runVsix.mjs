// `npm run test:e2e:vsix`: the shipped file. Packages the .vsix, checks what is inside, installs it
// into code-server with --install-extension, then runs the extension-host suite and the UI smoke
// against the INSTALLED extension (no development path): the bundled server must be found.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSuite } from './build.mjs';
import { ensureSetup, installVsix, log, makeWorkspace, ROOT, RouteError } from './lib/codeServer.mjs';
import { runTestsInWorkbench } from './lib/workbenchTests.mjs';
import { runUiSmoke } from './uiSmoke.mjs';

const VSIX = join(ROOT, 'workload-lens.vsix');
const MAX_BYTES = 3 * 1024 * 1024;

class PackageFailure extends Error {}

export function packageVsix() {
  const r = spawnSync('npm', ['run', '-s', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(VSIX)) throw new PackageFailure(`npm run package failed (exit ${r.status})`);
  return VSIX;
}

/** Entries of the zip (via python3's zipfile, which the setup installs). */
function zipEntries(file) {
  const r = spawnSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new RouteError(`cannot list ${file}: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

/** What must and must not be in the package; returns the problems found. */
export function inspectVsix(file) {
  const problems = [];
  if (!existsSync(join(ROOT, '.vscodeignore'))) problems.push('.vscodeignore is missing');
  const size = statSync(file).size;
  if (size >= MAX_BYTES) problems.push(`the vsix is ${(size / 1024 / 1024).toFixed(2)} MiB (limit 3 MiB)`);
  const entries = zipEntries(file).filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const needed = ['package.json', 'dist/extension.js', 'dist/server.js', manifest.main?.replace(/^\.\//, '')];
  for (const s of manifest.contributes?.snippets ?? []) needed.push(s.path.replace(/^\.\//, ''));
  for (const g of manifest.contributes?.grammars ?? []) needed.push(g.path.replace(/^\.\//, ''));
  for (const l of manifest.contributes?.languages ?? []) if (l.configuration) needed.push(l.configuration.replace(/^\.\//, ''));
  if (manifest.icon) needed.push(manifest.icon);
  for (const n of new Set(needed.filter(Boolean))) if (!entries.includes(n)) problems.push(`missing from the vsix: ${n}`);
  const forbidden = entries.filter((e) => /^(node_modules|client\/src|server\/src|test|scripts|examples|out|test-output)\//.test(e) || /\.ts$/.test(e) && !e.endsWith('.d.ts'));
  if (forbidden.length) problems.push(`sources/tests in the vsix: ${forbidden.slice(0, 8).join(', ')}${forbidden.length > 8 ? ' …' : ''}`);
  return { size, entries, problems };
}

function stubExtension() {
  const dir = mkdtempSync(join(tmpdir(), 'wl-e2e-stub-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'e2e-stub', publisher: 'workload-lens-e2e', version: '0.0.0', engines: { vscode: '*' }, description: 'development path for tests of the installed vsix' }),
  );
  return dir;
}

export async function runVsix({ setup = true, themes = ['dark', 'light'] } = {}) {
  if (setup) ensureSetup();
  // WORKLOAD_LENS_E2E_VSIX=<file>: test a .vsix built elsewhere instead of packaging one
  const file = process.env.WORKLOAD_LENS_E2E_VSIX || packageVsix();
  const { size, entries, problems } = inspectVsix(file);
  log(`vsix: ${(size / 1024).toFixed(0)} KiB, ${entries.length} files: ${entries.join(', ')}`);
  if (problems.length) throw new PackageFailure(`the packaged vsix is wrong:\n  ${problems.join('\n  ')}`);

  const extensionsDir = mkdtempSync(join(tmpdir(), 'wl-e2e-vsix-ext-'));
  try {
    log(installVsix(file, extensionsDir).trim());
    const installed = readdirSync(extensionsDir).find((d) => d.startsWith('workload-lens.workload-lens-'));
    if (!installed) throw new PackageFailure(`the vsix did not install into ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);
    if (!existsSync(join(extensionsDir, installed, 'dist', 'server.js'))) throw new PackageFailure('the installed extension has no dist/server.js');

    const testsPath = await buildSuite();
    const workspace = makeWorkspace();
    try {
      log('extension tests against the installed vsix');
      // the web workbench only runs extension tests in development mode: an empty stub extension is
      // the development path, Workload Lens itself comes from the extensions dir
      const stub = stubExtension();
      const code = await runTestsInWorkbench({ devPaths: [stub], testsPath, folder: workspace, extensionsDir, extensionEnv: { WORKLOAD_LENS_E2E_INSTALLED_IN: extensionsDir }, label: 'vsix-extension-tests' }).finally(() =>
        rmSync(stub, { recursive: true, force: true }),
      );
      if (code !== 0) throw new Error(`extension tests against the installed vsix failed (exit ${code})`);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
    log('UI smoke against the installed vsix');
    await runUiSmoke({ installedExtensionsDir: extensionsDir, themes });
  } finally {
    rmSync(extensionsDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runVsix().then(
    () => log('vsix stage passed'),
    (error) => {
      console.error(`[e2e] vsix stage FAILED: ${error.message}`);
      process.exit(error instanceof RouteError ? 3 : 1);
    },
  );
}
