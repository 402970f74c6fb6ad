// Writes docs/rules.md from the rule registry: `npm run docs:rules`.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderRulesDoc } from './docs/rulesDoc';

const target = resolve(__dirname, '../docs/rules.md');
writeFileSync(target, renderRulesDoc());
console.log(`wrote ${target}`);
