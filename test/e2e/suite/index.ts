// Entry point VS Code loads as extensionTestsPath: runs every bundled *.test.js next to it in mocha.
import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.WORKLOAD_LENS_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  console.log('[workload-lens-e2e] mocha start');
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
        else if (!runner.stats?.tests) reject(new Error('no extension tests ran (none bundled, or the grep matched none)'));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
