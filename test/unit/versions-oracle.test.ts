// Replays what the API servers of Kubernetes 1.27–1.36 answered for the version cases (one field per
// file, test/unit/fixtures/versions/cases; answers recorded by scripts/record-version-oracles.mjs) and
// checks that `check --kubernetes-version 1.NN` tells the same story: accepted with no version
// diagnostic, dropped with a warning at the field, or an error at the server's path. The cases still
// wrong are listed in known-gaps.json with the reason; they must still disagree, so a fix forces
// taking them off the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkCase, disagreement, oracleAnswers, versionCaseFiles } from './versionsOracle.helpers';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile } from '../../server/src/core/diagnostics';
import { MAX_MINOR, MIN_MINOR } from '../../server/src/core/versions';

const answers = oracleAnswers();
const files = versionCaseFiles();
const gaps = new Map((JSON.parse(readFileSync(join(__dirname, 'fixtures/versions/known-gaps.json'), 'utf8')) as { case: string; reason: string }[]).map((g) => [g.case, g.reason]));
const minors = Array.from({ length: MAX_MINOR - MIN_MINOR + 1 }, (_, i) => MIN_MINOR + i);

test('version cases: at least 60 files, each answered by the ten API servers', () => {
  assert.ok(files.length >= 60, `${files.length} cases`);
  for (const f of files) for (const m of minors) assert.ok(answers[f]?.[m], `no recorded answer for ${f} on 1.${m}`);
  const outcomes = new Set(files.flatMap((f) => minors.map((m) => (answers[f][m].accepted ? (answers[f][m].dropped.length ? 'dropped' : 'accepted') : answers[f][m].stage))));
  assert.deepEqual([...outcomes].sort(), ['accepted', 'decode', 'dropped', 'validate'], 'the cases cover every kind of outcome');
});

for (const minor of minors) {
  test(`Kubernetes 1.${minor}: the checker agrees with the API server on the version cases`, () => {
    const wrong: string[] = [];
    const nowAgree: string[] = [];
    for (const f of files) {
      const id = `${f}@1.${minor}`;
      const why = disagreement(answers[f][minor], checkCase(f, minor));
      if (gaps.has(id)) {
        if (!why) nowAgree.push(id);
      } else if (why) wrong.push(`${id}: ${why}`);
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(nowAgree, [], 'these known gaps agree now: take them off known-gaps.json');
  });
}

test('the quick fix of every version diagnostic removes the field and leaves YAML that still parses, comments kept', () => {
  let fixed = 0;
  for (const f of files) {
    const text = readFileSync(join(__dirname, 'fixtures/versions/cases', f), 'utf8');
    for (const minor of minors) {
      for (const d of checkCase(f, minor)) {
        if (d.code !== 'version-dropped-field' && !(d.code === 'unknown-field' && /arrives in|no longer has/.test(d.message))) continue;
        const fix = d.fixes?.[0];
        if (!fix) continue;
        const edited = [...fix.edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
        const file = parseWorkloadFile(edited);
        assert.equal(file.docs[0].doc.syntax.length, 0, `${f}@1.${minor}: ${edited}`);
        assert.ok(edited.startsWith(text.split('\n')[0]), `${f}: the header comment stays`);
        const again = checkFile(file, { enable: true, rules: {}, kubernetesMinor: minor });
        assert.ok(!again.some((x) => x.path === d.path && x.code === d.code), `${f}@1.${minor}: ${d.path} still reported after the fix:\n${edited}`);
        assert.ok(parse(edited), f);
        fixed++;
      }
    }
  }
  assert.ok(fixed >= 50, `${fixed} fixes applied`);
});
