// Seed manifests for the differential harness: DaemonSet, Job and CronJob documents from YAML files,
// and from the YAML texts embedded in the project's own tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface Seed {
  /** Where it came from (file and document index), for the report. */
  origin: string;
  obj: Record<string, unknown>;
}

const KINDS: Record<string, string> = { DaemonSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1' };

export const DEFAULT_SEED_DIRS = ['examples', 'test'];

export function loadSeeds(paths: readonly string[], root = process.cwd()): Seed[] {
  const seeds: Seed[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    for (const file of walk(resolve(root, p))) {
      const text = readFileSync(file, 'utf8');
      const texts = file.endsWith('.ts') ? embeddedYaml(text) : [text];
      texts.forEach((t, ti) => {
        for (const [i, obj] of workloadDocs(t).entries()) {
          const key = JSON.stringify(obj);
          if (seen.has(key)) continue;
          seen.add(key);
          seeds.push({ origin: `${relative(root, file)}${texts.length > 1 ? `#${ti}` : ''}:${i}`, obj });
        }
      });
    }
  }
  return seeds;
}

function walk(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(path, name);
    const s = statSync(full);
    if (s.isDirectory()) out.push(...walk(full));
    else if (/\.(ya?ml|ts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Template literals in test sources that hold a whole workload manifest (no `${…}` holes). */
function embeddedYaml(source: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(/`([^`$]*\bkind:\s*(?:DaemonSet|Job|CronJob)\b[^`$]*)`/g)) out.push(match[1]);
  return out;
}

/** The workload documents of a YAML stream that are accepted-looking objects (right apiVersion, a spec). */
export function workloadDocs(text: string): Record<string, unknown>[] {
  if (text.includes('{{')) return [];
  const out: Record<string, unknown>[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false });
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    if (doc.errors.length) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(JSON.stringify(doc.toJS({ maxAliasCount: 100 }) ?? null));
    } catch {
      continue;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) continue;
    const o = obj as Record<string, unknown>;
    if (typeof o.kind !== 'string' || KINDS[o.kind] !== o.apiVersion || typeof o.spec !== 'object' || o.spec === null) continue;
    out.push(o);
  }
  return out;
}
