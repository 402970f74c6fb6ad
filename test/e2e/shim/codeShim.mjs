// Reads the arguments @vscode/test-electron passes to VS Code (--extensionDevelopmentPath=,
// --extensionTestsPath=, a folder), runs those extension tests in code-server through headless
// Chromium (smoke-test driver payload) and exits with the test runner's exit code.
// Exit codes: the runner's own (0 pass, 1 failures), 3 when the route cannot start or times out.
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { createWriteStream } from 'node:fs';
import { launchBrowser, log, OUTPUT_DIR, RouteError, startCodeServer } from '../lib/codeServer.mjs';

/** Printed by test/e2e/suite/index.ts when mocha starts; the workbench's own chatter before it goes to the log file only. */
const MOCHA_START = '[workload-lens-e2e] mocha start';
const NOISE = /open-vsx\.org|vsda|authentication provider|ENOTFOUND/;

const TIMEOUT_MS = Number(process.env.WORKLOAD_LENS_E2E_TIMEOUT_MS || 300_000);

function parseArgs(argv) {
  const devPaths = [];
  let testsPath;
  let folder;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--extensionDevelopmentPath=')) devPaths.push(a.slice(a.indexOf('=') + 1));
    else if (a.startsWith('--extensionTestsPath=')) testsPath = a.slice(a.indexOf('=') + 1);
    else if (a.startsWith('--')) continue; // VS Code desktop flags (sandbox, gpu, profile dirs) mean nothing here
    else folder = a;
  }
  if (!testsPath) throw new RouteError('shim: no --extensionTestsPath= argument');
  if (!devPaths.length) throw new RouteError('shim: no --extensionDevelopmentPath= argument');
  if (!folder) throw new RouteError('shim: no workspace folder argument (pass it in launchArgs)');
  return { devPaths: devPaths.map((p) => resolve(p)), testsPath: resolve(testsPath), folder: resolve(folder) };
}

async function main() {
  const { devPaths, testsPath, folder } = parseArgs(process.argv.slice(2));
  const server = await startCodeServer({ smokeDriver: true, logName: 'code-server-extension-tests' });
  let browser;
  try {
    log(`code-server ${server.base} (log ${server.logFile})`);
    browser = await launchBrowser();
    const page = await browser.newPage();
    const consoleLog = createWriteStream(join(OUTPUT_DIR, 'extension-tests-console.log'));
    let mochaStarted = false;
    let settle;
    const exitCode = new Promise((r) => (settle = r));
    await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      consoleLog.write(`<${type}> ${text}\n`);
      if (text.includes(MOCHA_START)) mochaStarted = true;
      else if (mochaStarted || (type === 'error' && !NOISE.test(text))) process.stdout.write(`${text}\n`);
    });
    const payload = [
      ...devPaths.map((p) => ['extensionDevelopmentPath', server.remote(p)]),
      ['extensionTestsPath', server.remote(testsPath)],
    ];
    await page.goto(server.url(folder, payload), { waitUntil: 'domcontentloaded' });
    let timer;
    const timeout = new Promise((_, rej) => {
      timer = setTimeout(() => rej(new RouteError(`no test result within ${TIMEOUT_MS / 1000} s (did the extension host start? log: ${server.logFile})`)), TIMEOUT_MS);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    consoleLog.end();
    if (code !== 0) console.error(`[e2e] the workbench reported exit code ${code}; full console: ${join(OUTPUT_DIR, 'extension-tests-console.log')}`);
    return code;
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] ${error instanceof RouteError ? 'route failed' : 'shim crashed'}: ${error.message}`);
    process.exit(3);
  },
);
