import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID, languageClient } from './helper';

/** Where the extension under test must come from: the repo (development path) or an installed .vsix. */
suite('The extension under test', () => {
  suiteSetup(activate);

  test('is loaded from the expected place, with its bundled server', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const installedIn = process.env.WORKLOAD_LENS_E2E_INSTALLED_IN;
    if (installedIn) {
      assert.ok(ext.extensionPath.startsWith(installedIn + path.sep), `expected the installed copy under ${installedIn}, got ${ext.extensionPath}`);
      for (const dir of ['client', 'server', 'node_modules', 'test']) {
        assert.ok(!fs.existsSync(path.join(ext.extensionPath, dir)), `the installed extension ships ${dir}/`);
      }
    }
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'server.js')), 'dist/server.js is missing');
    assert.equal(languageClient().state, 2 /* State.Running */, 'the language client is not running');
  });
});
