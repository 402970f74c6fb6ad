#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { main } from './cli/main';
import { clusterLoaded } from './clusterLoader';

// `workload-lens check … | head`: once the reader is gone, output stops quietly (no EPIPE stack
// trace) and the command still ends with its own exit code.
const closed = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed.add(stream);
  });
}
const write = (stream: NodeJS.WriteStream, line: string) => {
  if (!closed.has(stream)) stream.write(line + '\n');
};

void main(process.argv.slice(2), {
  out: (line) => write(process.stdout, line),
  err: (line) => write(process.stderr, line),
  readStdin: () => readFileSync(0, 'utf8'),
}).then((code) => {
  process.exitCode = code;
  // A kubeconfig credential plugin that never answered may still run: do not wait for it.
  if (clusterLoaded()) setTimeout(() => process.exit(code), 100).unref();
});
