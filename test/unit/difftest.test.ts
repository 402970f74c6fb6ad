// The differential harness's generator (scripts/difftest): deterministic from its seed, and every variant
// is reproduced exactly from its seed manifest and its recorded changes (what the replayed fixtures rely on).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from '../../scripts/difftest/run';
import { DEFAULT_SEED_DIRS, loadSeeds } from '../../scripts/difftest/seeds';
import { applyOps, diffOps, variantYaml } from '../helpers/k8sOracle';
import { ROOT } from '../helpers/fixtures';

const seeds = loadSeeds(DEFAULT_SEED_DIRS, ROOT);

test('seeds: the examples and the real-world-like manifests, all three kinds', () => {
  assert.ok(seeds.length >= 15, `${seeds.length} seeds`);
  for (const kind of ['DaemonSet', 'Job', 'CronJob']) assert.ok(seeds.some((s) => s.obj.kind === kind), kind);
  assert.ok(seeds.some((s) => s.origin.startsWith('examples/lesson/')));
});

test('variants: same seed, same variants; 1–3 mutations each; seed + ops give the exact YAML', () => {
  const a = generate(seeds, 300, 11);
  const b = generate(seeds, 300, 11);
  assert.equal(a.length, 300);
  assert.deepEqual(a.map((v) => v.yaml), b.map((v) => v.yaml));
  assert.notDeepEqual(generate(seeds, 20, 12).map((v) => v.yaml), a.slice(0, 20).map((v) => v.yaml));
  for (const v of a) {
    assert.ok(v.mutations.length >= 1 && v.mutations.length <= 3, v.mutations.join('; '));
    assert.equal(variantYaml(applyOps(seeds[v.seed].obj, v.ops)), v.yaml, v.id);
  }
});

test('diffOps/applyOps: changed, added, deleted keys, resized lists, reordered maps', () => {
  const from = { a: 1, b: { c: [1, 2], d: 'x' }, e: { f: 1, g: 2 } };
  const to = { a: '1', b: { c: [1, 2, 3] }, e: { g: 2, f: 1 }, h: null };
  const ops = diffOps(from, to);
  assert.deepEqual(applyOps(from, ops), to);
  assert.equal(variantYaml(applyOps(from, ops)), variantYaml(to));
  assert.deepEqual(from, { a: 1, b: { c: [1, 2], d: 'x' }, e: { f: 1, g: 2 } }, 'the seed is not changed');
});
