// Random documents for the fuzzers: real manifests of the project, mutated by small edits of the
// kinds people (and hostile files) make. Generated with fast-check so a seed replays a run.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';

const ROOT = resolve(__dirname, '../..');

/** The project's own manifests (examples) plus a few shapes they lack. */
export const SEEDS: string[] = (() => {
  const out: string[] = [];
  for (const dir of ['examples/lesson', 'examples/nodes']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((n) => /\.ya?ml$/.test(n)).sort()) out.push(readFileSync(join(ROOT, dir, f), 'utf8'));
  }
  out.push(
    'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n  schedule: "TZ=Europe/London 0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy:\n          containers:\n          - name: c\n            image: busybox:1.36\n',
    'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      hostNetwork: true\n      dnsPolicy: ~\n      tolerations: null\n      volumes:\n      - {name: "logs\n          dir", hostPath: {path: /var/log}}\n      containers:\n      - name: c\n        image: busybox\n        resources: {requests: {cpu: 100m}}\n',
    'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  ttlSecondsAfterFinished:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - &c {name: c, image: busybox, env: [{name: A, value: b}]}\n      - *c\n---\nkind: constructor\nmetadata:\n  name: x\n',
  );
  return out;
})();

/**
 * A stream of the lesson's manifests of over 256 KiB (for the server fuzzer: its first check is the
 * sliced one — documents in view first, pauses between slices — and the edits that follow supersede it).
 */
export const LARGE_SEED: string = (() => {
  const lesson = SEEDS.slice(0, 3).map((s) => s.replace(/\n*$/, '\n'));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 300 * 1024; i++) {
    const part = lesson[i % lesson.length].replace(/name: ([\w-]+)/, `name: $1-${i}`);
    parts.push(part);
    size += part.length + 4;
  }
  return parts.join('---\n');
})();

/** Fragments a mutation inserts: YAML syntax, Kubernetes keys, prototype names, hostile bytes. */
const FRAGMENTS = [
  ':', ': ', '- ', '-', '{', '}', '[', ']', ',', '"', "'", '#', ' # c', '&a ', '*a', '<<: *a', '|', '>-', '!!str ', '? ', '---\n', '...\n', '%YAML 1.2\n',
  '\n', '\r\n', '\t', '  ', '    ', 'null', '~', 'true', '0x1F', '1e999', '-0', '.inf', '{{ .Values.x }}',
  'kind: Job', 'kind: CronJob', 'kind: DaemonSet', 'apiVersion: batch/v1', 'apiVersion: apps/v1', 'kind: constructor', 'kind: __proto__', 'toString', 'hasOwnProperty', '__proto__: ',
  'restartPolicy: ', 'schedule: ', '"*/5 * * * *"', 'TZ=Asia/Tokyo ', '@hourly', 'timeZone: ', 'containers:', 'image: ', 'name: ', 'tolerations:', 'nodeSelector:', 'resources: {requests: {cpu: ',
  'ttlSecondsAfterFinished: ', 'hostNetwork: true', 'dnsPolicy: ', 'completions: ', 'parallelism: ', 'backoffLimit: ', 'successPolicy:', 'podFailurePolicy:',
  '\u0000', '\uFFFD', '\u00e9', '😀', '\u2028', '\uFEFF',
];

const KEYS = ['spec', 'template', 'metadata', 'labels', 'containers', 'env', 'value', 'schedule', 'jobTemplate', 'selector', 'matchLabels', 'constructor', '__proto__', 'valueOf'];

export type Mutation =
  | { type: 'insert'; at: number; text: string }
  | { type: 'delete'; at: number; length: number }
  | { type: 'duplicateLine'; at: number }
  | { type: 'indent'; at: number; delta: number };

/**
 * A uniform number in [0, max): fc.double samples the float representation (mostly tiny numbers)
 * and biased integers favour 0, either of which would put every edit at the start of the text.
 */
export const uniform = (max = 1): fc.Arbitrary<number> => fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((i) => (i / 1_000_000) * max);

const fraction = uniform();

export const mutationArb: fc.Arbitrary<{ kind: Mutation['type']; f: number; text: string; n: number }> = fc.record({
  kind: fc.constantFrom<Mutation['type']>('insert', 'insert', 'insert', 'delete', 'delete', 'duplicateLine', 'indent'),
  f: fraction,
  text: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 2, arbitrary: fc.constantFrom(...KEYS).map((k) => `${k}: `) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  ),
  n: fc.integer({ min: 1, max: 40 }),
});

/** Applies a generated mutation to a text (positions are fractions of its length). */
export function mutate(text: string, m: { kind: Mutation['type']; f: number; text: string; n: number }): string {
  const at = Math.floor(m.f * (text.length + 1));
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.n);
    case 'duplicateLine': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      return text.slice(0, end) + '\n' + text.slice(start, end) + text.slice(end);
    }
    case 'indent': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      return m.n % 2 ? text.slice(0, start) + ' '.repeat(1 + (m.n % 4)) + text.slice(start) : text.slice(0, start) + text.slice(start).replace(/^ {1,4}/, '');
    }
  }
}

/** A real manifest after a few random mutations. */
export const documentArb: fc.Arbitrary<string> = fc
  .record({ seed: fc.nat({ max: SEEDS.length - 1 }), mutations: fc.array(mutationArb, { maxLength: 8 }), crlf: fc.boolean() })
  .map(({ seed, mutations, crlf }) => {
    let text = SEEDS[seed];
    if (crlf) text = text.replace(/\n/g, '\r\n');
    for (const m of mutations) text = mutate(text, m);
    return text;
  });
