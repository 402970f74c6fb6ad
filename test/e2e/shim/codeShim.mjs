// Reads the arguments @vscode/test-electron passes to VS Code (--extensionDevelopmentPath=,
// --extensionTestsPath=, a folder), runs those extension tests in code-server through headless
// Chromium (smoke-test driver payload) and exits with the test runner's exit code.
// Exit codes: the runner's own (0 pass, 1 failures), 3 when the route cannot start or times out.
import { resolve } from 'node:path';
import { RouteError } from '../lib/codeServer.mjs';
import { runTestsInWorkbench } from '../lib/workbenchTests.mjs';

function parseArgs(argv) {
  const devPaths = [];
  let testsPath;
  let folder;
  for (const a of argv) {
    if (a.startsWith('--extensionDevelopmentPath=')) devPaths.push(a.slice(a.indexOf('=') + 1));
    else if (a.startsWith('--extensionTestsPath=')) testsPath = a.slice(a.indexOf('=') + 1);
    else if (a.startsWith('--')) continue; // VS Code desktop flags (sandbox, gpu, profile dirs) mean nothing here
    else folder = a;
  }
  if (!testsPath) throw new RouteError('shim: no --extensionTestsPath= argument');
  if (!folder) throw new RouteError('shim: no workspace folder argument (pass it in launchArgs)');
  return { devPaths: devPaths.map((p) => resolve(p)), testsPath: resolve(testsPath), folder: resolve(folder) };
}

runTestsInWorkbench(parseArgs(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] ${error instanceof RouteError ? 'route failed' : 'shim crashed'}: ${error.message}`);
    process.exit(3);
  },
);
