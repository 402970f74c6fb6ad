import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The built CLI. */
export const CLI = resolve(__dirname, '../../dist/cli.js');

/** Runs the built CLI with `args` (and `input` on stdin): its exit code and output. */
export function runCli(args: string[], input?: string, options: { timeout?: number } = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', ...options });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
