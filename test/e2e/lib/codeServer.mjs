// Starts a real VS Code (code-server 4.139.1 = VS Code 1.139.1, node extension host) and a headless
// Chromium window on it. Used by the test-electron shim (extension tests) and the UI smoke tests.
// Everything it needs comes from the cache that scripts/e2e/setup.sh fills (outside the repo).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CACHE = process.env.WORKLOAD_LENS_E2E_CACHE || join(homedir(), '.cache', 'workload-lens-e2e');
export const NODE24 = join(CACHE, 'node-24.21.0', 'bin', 'node');
export const CODE_SERVER_ENTRY = join(CACHE, 'tools', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.WORKLOAD_LENS_E2E_CHROMIUM || '/usr/bin/chromium';
export const OUTPUT_DIR = join(ROOT, 'test-output');

/** A failure of the route itself (not of a test): reported with a clear message, exit code 3. */
export class RouteError extends Error {}

export function log(...args) {
  console.log('[e2e]', ...args);
}

/** Runs the idempotent cache setup; throws RouteError when it cannot finish. */
export function ensureSetup() {
  const r = spawnSync('bash', [join(ROOT, 'scripts/e2e/setup.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new RouteError(`scripts/e2e/setup.sh failed (exit ${r.status}); the VS Code route cannot start`);
  checkRoute();
}

export function checkRoute() {
  for (const [what, file] of [['Node 24', NODE24], ['code-server', CODE_SERVER_ENTRY], ['Chromium', CHROMIUM]]) {
    if (!existsSync(file)) throw new RouteError(`${what} not found at ${file}; run scripts/e2e/setup.sh first`);
  }
}

/** playwright-core from the cache (it is not a dependency of the repo). */
export function playwright() {
  const req = createRequire(join(CACHE, 'tools', 'package.json'));
  try {
    return req('playwright-core');
  } catch (error) {
    throw new RouteError(`playwright-core is missing from ${CACHE}/tools: ${error.message}`);
  }
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

export const DEFAULT_USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
};

/** Copies examples/lesson into a fresh temp folder so the tests never dirty the repo. */
export function makeWorkspace(prefix = 'wl-e2e-ws-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, 'examples', 'lesson'), dir, { recursive: true });
  return dir;
}

/**
 * Starts code-server on a free 127.0.0.1 port with its own temp user-data, extensions and XDG dirs.
 * Resolves once it listens. `smokeDriver` turns on the payload handling used by extension tests.
 */
export async function startCodeServer({ userSettings = {}, extensionsDir, smokeDriver = false, logName = 'code-server', env = {} } = {}) {
  checkRoute();
  const tmp = mkdtempSync(join(tmpdir(), 'wl-e2e-cs-'));
  const userData = join(tmp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...userSettings }, null, 2));
  const extDir = extensionsDir ?? join(tmp, 'extensions');
  mkdirSync(extDir, { recursive: true });
  const config = join(tmp, 'config.yaml');
  writeFileSync(config, 'auth: none\n');
  for (const d of ['config', 'data', 'cache']) mkdirSync(join(tmp, 'xdg', d), { recursive: true });

  const port = await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    '--config', config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userData,
    '--extensions-dir', extDir,
  ];
  if (smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');

  mkdirSync(OUTPUT_DIR, { recursive: true });
  const logFile = join(OUTPUT_DIR, `${logName}.log`);
  const logStream = createWriteStream(logFile);
  const proc = spawn(NODE24, args, {
    cwd: tmp,
    env: {
      ...process.env,
      ...env,
      PATH: `${dirname(NODE24)}:${process.env.PATH}`,
      XDG_CONFIG_HOME: join(tmp, 'xdg', 'config'),
      XDG_DATA_HOME: join(tmp, 'xdg', 'data'),
      XDG_CACHE_HOME: join(tmp, 'xdg', 'cache'),
      // a code-server started from inside VS Code would otherwise talk to that one
      VSCODE_IPC_HOOK_CLI: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk) => {
    logStream.write(chunk);
    if (output.length < 200_000) output += chunk.toString();
    if (process.env.WORKLOAD_LENS_E2E_VERBOSE) process.stderr.write(chunk);
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);

  await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new RouteError(`code-server did not listen within 60 s; log: ${logFile}\n${output.slice(-2000)}`)), 60_000);
    const check = () => {
      if (output.includes('HTTP server listening')) {
        clearTimeout(timer);
        proc.stdout.off('data', check);
        proc.stderr.off('data', check);
        res();
      }
    };
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      rej(new RouteError(`code-server exited early (code ${code}); log: ${logFile}\n${output.slice(-2000)}`));
    });
  });

  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    base,
    tmp,
    userData,
    extensionsDir: extDir,
    logFile,
    output: () => output,
    /** The workbench URL for a folder, optionally with the smoke-driver payload. */
    url(folder, payload) {
      const q = new URLSearchParams({ folder });
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${base}/?${q.toString()}`;
    },
    /** A vscode-remote URI for a path on this server (the authority must match the browser's). */
    remote(path) {
      return `vscode-remote://127.0.0.1:${port}${path}`;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await Promise.race([new Promise((r) => proc.once('exit', r)), sleep(5000)]);
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      }
      logStream.end();
      if (!process.env.WORKLOAD_LENS_E2E_KEEP) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  const { chromium } = playwright();
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
  } catch (error) {
    throw new RouteError(`Chromium (${CHROMIUM}) did not start: ${error.message}`);
  }
}

/** Installs a .vsix into an extensions dir with code-server's own CLI. */
export function installVsix(vsix, extensionsDir) {
  const r = spawnSync(NODE24, [CODE_SERVER_ENTRY, '--config', '/dev/null', '--extensions-dir', extensionsDir, '--install-extension', vsix], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(NODE24)}:${process.env.PATH}`, VSCODE_IPC_HOOK_CLI: '' },
  });
  if (r.status !== 0) throw new RouteError(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
