// Replays the API server's recorded answers (scripts/difftest/record.ts ran the k8s-validate oracle,
// Kubernetes' own strict decoding + defaulting + PrepareForCreate + Validate, for 1.27 … 1.36): for every
// recorded variant our verdict must be the server's and every error path the server names must be among
// ours. Cases we still get wrong are listed in known-gaps.json; they must still disagree, so fixing one
// forces moving it out of the list (`record.ts --prune-gaps` does that).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkerIsVersionAware, recordedDisagreement, type RecordedCase } from '../helpers/k8sOracle';

const DIR = join(__dirname, 'fixtures/k8s-oracle');

const seeds = JSON.parse(readFileSync(join(DIR, 'seeds.json'), 'utf8')) as { origin: string; obj: unknown }[];
const gaps = new Map((JSON.parse(readFileSync(join(DIR, 'known-gaps.json'), 'utf8')) as { id: string; reason: string }[]).map((g) => [g.id, g.reason]));
const files = readdirSync(DIR)
  .filter((f) => /^1\.\d+\.json$/.test(f))
  .sort((a, b) => Number(a.slice(2, -5)) - Number(b.slice(2, -5)));
const versionAware = checkerIsVersionAware();

test('recorded oracle answers: at least 3,000 cases over Kubernetes 1.27–1.36', () => {
  const total = files.reduce((n, f) => n + (JSON.parse(readFileSync(join(DIR, f), 'utf8')).cases as unknown[]).length, 0);
  assert.ok(files.length >= 10, `minors recorded: ${files.join(', ')}`);
  assert.ok(total >= 3000, `recorded cases: ${total}`);
});

for (const file of files) {
  const { minor, cases } = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { minor: number; cases: RecordedCase[] };
  const skip = !versionAware && minor !== 36 ? `the checker does not read kubernetesMinor yet; 1.${minor} answers are replayed once it does` : false;
  test(`Kubernetes 1.${minor}: ${cases.length} recorded answers of the API server`, { skip }, () => {
    const wrong: string[] = [];
    const nowAgree: string[] = [];
    let known = 0;
    for (const c of cases) {
      const d = recordedDisagreement(c, seeds[c.s].obj, minor);
      if (gaps.has(c.id)) {
        known++;
        if (!d) nowAgree.push(c.id);
      } else if (d) wrong.push(`${c.id} (seed ${seeds[c.s].origin}): ${d}`);
    }
    console.log(`# 1.${minor}: ${cases.length - known} agree, ${known} known gaps`);
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} recorded answers we now disagree with`);
    assert.deepEqual(nowAgree, [], 'these known gaps agree now: remove them from known-gaps.json (node --import tsx scripts/difftest/record.ts --prune-gaps)');
  });
}
