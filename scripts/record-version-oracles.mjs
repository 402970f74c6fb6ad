#!/usr/bin/env node
// Records what the API server of each minor answers for the version cases
// (test/unit/fixtures/versions/cases/*.yaml) into test/unit/fixtures/versions/oracle.json, which
// test/unit/versions-oracle.test.ts replays. The oracles are the create path compiled from
// Kubernetes' source per minor (k8s-validate-1.NN binaries); the project's tests never run them.
//
// Usage: node scripts/record-version-oracles.mjs <dir holding k8s-validate-1.27 … k8s-validate-1.36>
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/record-version-oracles.mjs <oracle dir>');
  process.exit(2);
}
const CASES = 'test/unit/fixtures/versions/cases';
const OUT = 'test/unit/fixtures/versions/oracle.json';
const files = readdirSync(CASES).filter((f) => f.endsWith('.yaml')).sort();
const answers = {};
for (const f of files) answers[f] = {};
for (let minor = 27; minor <= 36; minor++) {
  const bin = join(dir, `k8s-validate-1.${minor}`);
  const version = execFileSync(bin, ['-version'], { encoding: 'utf8' }).trim();
  const out = execFileSync(bin, ['-input', 'kubectl', ...files.map((f) => join(CASES, f))], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const line of out.split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    const name = r.file.split('/').pop();
    answers[name][minor] = {
      accepted: r.accepted,
      stage: r.stage,
      errors: (r.errors ?? []).map((e) => ({ field: e.field, type: e.type })),
      dropped: r.dropped ?? [],
    };
  }
  console.log(`1.${minor}: ${version.split('\n')[0]}`);
}
writeFileSync(OUT, `${JSON.stringify(answers, null, 1)}\n`);
console.log(`${files.length} cases x 10 minors -> ${OUT}`);
