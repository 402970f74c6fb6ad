// `npm run test:e2e:ext`: the mocha suite inside a real VS Code extension host, started through
// @vscode/test-electron's runTests with vscodeExecutablePath = the code-server shim.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSuite } from './build.mjs';
import { ensureSetup, log, makeWorkspace, ROOT, RouteError } from './lib/codeServer.mjs';

export async function runExtensionTests({ setup = true, buildExtension = true } = {}) {
  if (setup) ensureSetup();
  if (buildExtension) {
    const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new RouteError('npm run build failed');
  }
  const testsPath = await buildSuite();
  const workspace = makeWorkspace();
  log(`extension tests in ${workspace}`);
  const started = Date.now();
  try {
    return await runTests({
      vscodeExecutablePath: join(ROOT, 'test', 'e2e', 'shim', 'code'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: testsPath,
      launchArgs: [workspace],
      reuseMachineInstall: true,
    });
  } finally {
    log(`extension tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    rmSync(workspace, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runExtensionTests().then(
    () => log('extension tests passed'),
    (error) => {
      console.error(`[e2e] extension tests FAILED: ${error.message}`);
      process.exit(error?.code === 3 || error instanceof RouteError ? 3 : 1);
    },
  );
}
