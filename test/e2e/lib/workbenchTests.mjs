// Runs an extension-test bundle (mocha index exporting run()) inside code-server's extension host,
// with headless Chromium as the window, and returns the exit code the workbench reports.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, log, OUTPUT_DIR, RouteError, startCodeServer } from './codeServer.mjs';

/** Printed by test/e2e/suite/index.ts when mocha starts; the workbench's own chatter before it goes to the log file only. */
const MOCHA_START = '[workload-lens-e2e] mocha start';
const NOISE = /open-vsx\.org|vsda|authentication provider|ENOTFOUND|^\[AccountPolicyGate\]|^\[Service Worker\]/;
const TIMEOUT_MS = Number(process.env.WORKLOAD_LENS_E2E_TIMEOUT_MS || 300_000);
const START_TIMEOUT_MS = 120_000;

/**
 * devPaths: extension folders to load in development mode (may be empty when the extension under
 * test is installed in `extensionsDir`). Exit code: 0 pass, 1 failures; throws RouteError when the
 * route does not come up or no result arrives in time.
 */
export async function runTestsInWorkbench({ devPaths = [], testsPath, folder, extensionsDir, extensionEnv, label = 'extension-tests' }) {
  const server = await startCodeServer({ smokeDriver: true, extensionsDir, logName: `code-server-${label}` });
  let browser;
  const consoleFile = join(OUTPUT_DIR, `${label}-console.log`);
  const consoleLog = createWriteStream(consoleFile);
  try {
    log(`code-server ${server.base} (log ${server.logFile})`);
    browser = await launchBrowser();
    const page = await browser.newPage();
    let mochaStarted = false;
    let settle;
    const exitCode = new Promise((r) => (settle = r));
    await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      consoleLog.write(`<${type}> ${text}\n`);
      if (text.includes(MOCHA_START)) mochaStarted = true;
      else if ((mochaStarted || type === 'error') && !NOISE.test(text)) process.stdout.write(`${text}\n`);
    });
    const payload = [
      ...devPaths.map((p) => ['extensionDevelopmentPath', server.remote(p)]),
      ['extensionTestsPath', server.remote(testsPath)],
    ];
    if (extensionEnv) payload.push(['extensionEnvironment', JSON.stringify(extensionEnv)]);
    await page.goto(server.url(folder, payload), { waitUntil: 'domcontentloaded' });
    let timer;
    const startedBy = Date.now() + START_TIMEOUT_MS;
    const deadline = Date.now() + TIMEOUT_MS;
    const timeout = new Promise((_, rej) => {
      const tick = () => {
        if (!mochaStarted && Date.now() > startedBy) rej(new RouteError(`mocha did not start within ${START_TIMEOUT_MS / 1000} s (did the extension host load the tests? ${consoleFile}, ${server.logFile})`));
        else if (Date.now() > deadline) rej(new RouteError(`no test result within ${TIMEOUT_MS / 1000} s (${consoleFile}, ${server.logFile})`));
        else timer = setTimeout(tick, 1000);
      };
      timer = setTimeout(tick, 1000);
    });
    const code = await Promise.race([exitCode, timeout]).finally(() => clearTimeout(timer));
    if (!mochaStarted) throw new RouteError(`the workbench exited (${code}) before mocha started; see ${consoleFile}`);
    if (code !== 0) console.error(`[e2e] the workbench reported exit code ${code}; full console: ${consoleFile}`);
    return code;
  } finally {
    consoleLog.end();
    await browser?.close().catch(() => {});
    await server.stop();
  }
}
