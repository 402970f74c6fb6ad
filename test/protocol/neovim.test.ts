import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER } from '../helpers/lspClient';

// Neovim 0.7 is a second, very plain LSP client: it sends didOpen only when the server asks for
// openClose and never pulls diagnostics. CI installs it from Debian; elsewhere the test is skipped.
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;

const INIT = `
local client_id = vim.lsp.start_client({ cmd = { ${JSON.stringify(process.execPath)}, os.getenv('WL_SERVER'), '--stdio' }, name = 'workload-lens', root_dir = vim.fn.getcwd() })
vim.cmd('edit ' .. os.getenv('WL_FILE'))
vim.lsp.buf_attach_client(0, client_id)
vim.wait(15000, function() return #vim.diagnostic.get(0) >= tonumber(os.getenv('WL_EXPECT')) end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format('%d:%d:%d:%s', d.lnum, d.col, d.severity, d.message))
end
vim.fn.writefile(lines, os.getenv('WL_OUT'))
vim.cmd('qa!')
`;

test('Neovim receives pushed diagnostics from dist/server.js --stdio', { skip: available ? false : 'nvim is not installed (CI installs it)' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-nvim-'));
  const init = join(dir, 'init.lua');
  const file = join(dir, 'job.yaml');
  const out = join(dir, 'out.txt');
  writeFileSync(init, INIT);
  writeFileSync(file, 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: busybox:1.36\n          comand: ["/bin/sh"]\n      restartPolicy: Never\n---\nkind: Job\nspec:\n\tbad: tab\n');
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', init], {
    env: { ...process.env, WL_SERVER: SERVER, WL_FILE: file, WL_OUT: out, WL_EXPECT: '2' },
    encoding: 'utf8',
    timeout: 30000,
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.ok(lines.some((l) => /^10:10:1:.*comand/.test(l)), `unknown field reported on line 11: ${lines.join(' | ')}`);
  assert.ok(lines.some((l) => /^15:0:1:.*[Tt]ab/.test(l)), `tab indentation reported on line 16: ${lines.join(' | ')}`);
});
