#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { main } from './cli/main';

void main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  readStdin: () => readFileSync(0, 'utf8'),
}).then((code) => {
  process.exitCode = code;
});
