// `npm run test:e2e`: every end-to-end stage in order, stopping at the first failure.
//   ext   mocha suite in the extension host, extension from the repo (test-electron runTests -> code-server shim)
//   vsix  npm run package; contents and size; install the .vsix; the mocha suite and the UI smoke
//         (dark + light, screenshots in test-output/) against the installed extension
// Exit 1 = a test failed, 3 = the route could not start.
import { log, RouteError } from './lib/codeServer.mjs';
import { runExtensionTests } from './runExtensionTests.mjs';
import { runVsix } from './runVsix.mjs';

const started = Date.now();
try {
  await runExtensionTests();
  await runVsix({ setup: false });
  log(`all end-to-end stages passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`[e2e] FAILED: ${error.message}`);
  process.exit(error instanceof RouteError ? 3 : 1);
}
