import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../helpers/fixtures';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile } from '../../server/src/core/diagnostics';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

const snippets = JSON.parse(readFileSync(resolve(ROOT, 'snippets/workload-lens.code-snippets'), 'utf8')) as Record<string, Snippet>;

/**
 * Expands a VS Code snippet body as the editor would if the user pressed Tab through it:
 * every placeholder keeps its default, a choice takes its first option, a mirror repeats the
 * value of its tab stop, `$0` vanishes.
 */
function expandSnippet(body: string): string {
  const values = new Map<string, string>();
  let i = 0;
  const parse = (stopAt?: string): string => {
    let out = '';
    while (i < body.length) {
      const ch = body[i];
      if (stopAt && ch === stopAt) return out;
      if (ch === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
        continue;
      }
      if (ch === '$') {
        const simple = /^\$(\d+)/.exec(body.slice(i));
        if (simple) {
          i += simple[0].length;
          out += values.get(simple[1]) ?? '';
          continue;
        }
        const choice = /^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/.exec(body.slice(i));
        if (choice) {
          i += choice[0].length;
          const first = choice[2].split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1');
          values.set(choice[1], first);
          out += first;
          continue;
        }
        const placeholder = /^\$\{(\d+)(:?)/.exec(body.slice(i));
        if (placeholder) {
          i += placeholder[0].length;
          const inner = placeholder[2] ? parse('}') : '';
          i++; // the closing brace
          if (!values.has(placeholder[1]) || inner) values.set(placeholder[1], inner || values.get(placeholder[1]) || '');
          out += values.get(placeholder[1]) ?? inner;
          continue;
        }
        throw new Error(`unsupported snippet syntax at ${body.slice(i, i + 20)}`);
      }
      out += ch;
      i++;
    }
    return out;
  };
  // Mirrors may come before the placeholder that defines them: collect values first, then expand.
  parse();
  i = 0;
  return parse();
}

test('the snippet file contributes the promised prefixes', () => {
  const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
  for (const p of ['k8s-daemonset', 'k8s-job', 'k8s-cronjob', 'k8s-job-indexed', 'k8s-cronjob-tz', 'k8s-daemonset-all-nodes']) {
    assert.ok(prefixes.includes(p), `missing prefix ${p}`);
  }
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
  assert.ok(pkg.contributes.snippets.some((s: { language: string; path: string }) => s.language === 'yaml' && s.path.endsWith('snippets/workload-lens.code-snippets')));
});

test('the expander follows snippet syntax', () => {
  assert.equal(expandSnippet('a: ${1:x}\nb: $1\nc: ${2|Never,OnFailure|}\n$0'), 'a: x\nb: x\nc: Never\n');
  assert.equal(expandSnippet('echo \\$HOME ${1:a\\}b}'), 'echo $HOME a}b');
});

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to a manifest with zero errors`, () => {
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    const text = expandSnippet(body);
    assert.ok(!text.includes('${'), 'every placeholder is expanded');
    const file = parseWorkloadFile(text);
    assert.equal(file.docs.length, 1);
    assert.ok(file.docs[0].doc.workload, `${name} is a workload we check: ${file.docs[0].doc.kind}`);
    const errors = checkFile(file).filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((e) => `${e.code} ${e.path}: ${e.message}`), []);
  });

  test(`snippet "${name}" offers a choice for each enum it fills and tab stops on name and image`, () => {
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    assert.match(body, /name: \$\{1:/);
    assert.match(body, /image: \$\{\d+:/);
    if (/kind: CronJob/.test(body)) assert.match(body, /schedule: "\$\{\d+:/);
    if (/restartPolicy:/.test(body)) assert.match(body, /restartPolicy: \$\{\d+\|/);
  });
}
