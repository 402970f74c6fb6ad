import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MINOR, formatMinor, MAX_MINOR, MIN_MINOR, parseKubernetesVersion } from '../core/versions';
import { MAX_READ_BYTES } from '../core/model/limits';

/** A usage or input problem: the CLI prints the message and exits with 2. */
export class UsageError extends Error {}

export interface InputFile {
  /** The name shown in output: the path as given, or `<stdin>`. */
  name: string;
  text: string;
  /** Set (in bytes) when the file is too large to read: `text` is then empty. */
  oversize?: number;
}

const YAML_FILE = /\.ya?ml$/i;

/** Reads files, directories (their .yaml/.yml files, recursively, sorted) and `-` for stdin. */
export function readInputs(args: readonly string[], readStdin: () => string = () => readFileSync(0, 'utf8'), options: { allowOversize?: boolean } = {}): InputFile[] {
  const out: InputFile[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push({ name: '<stdin>', text: readStdin() });
      continue;
    }
    let stat;
    try {
      stat = statSync(arg);
    } catch (error) {
      throw new UsageError(`cannot read ${arg}: ${describeFsError(error)}`);
    }
    if (stat.isDirectory()) {
      for (const file of listYamlFiles(arg)) out.push(readRegularFile(file, statSync(file).size, options));
    } else if (stat.isFile()) {
      out.push(readRegularFile(arg, stat.size, options));
    } else {
      throw new UsageError(`cannot read ${arg}: not a regular file`);
    }
  }
  return out;
}

function listYamlFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (error) {
      throw new UsageError(`cannot read directory ${d}: ${describeFsError(error)}`);
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && YAML_FILE.test(entry.name)) found.push(path);
    }
  };
  walk(dir);
  return found;
}

/** Files beyond MAX_READ_BYTES are not read (a 50 MB file must not cost a gigabyte). */
function readRegularFile(path: string, size: number, options: { allowOversize?: boolean }): InputFile {
  if (size > MAX_READ_BYTES) {
    if (options.allowOversize) return { name: path, text: '', oversize: size };
    throw new UsageError(`cannot read ${path}: it is ${(size / 1024 / 1024).toFixed(1)} MiB; files up to ${MAX_READ_BYTES / 1024 / 1024} MiB are read`);
  }
  return { name: path, text: readText(path) };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error)?.message ?? String(error);
}

/** Parses `--name value`, `--name=value` and boolean flags; the rest are positional. */
export function parseArgs(args: readonly string[], spec: Record<string, 'string' | 'boolean'>): { positional: string[]; flags: Record<string, string | boolean> } {
  const positional: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const type = spec[name];
      if (!type) throw new UsageError(`unknown option --${name}`);
      if (type === 'boolean') {
        if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
        flags[name] = true;
      } else if (eq >= 0) {
        flags[name] = arg.slice(eq + 1);
      } else {
        if (i + 1 >= args.length) throw new UsageError(`option --${name} needs a value`);
        flags[name] = args[++i];
      }
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

/** `--kubernetes-version 1.31` (or v1.31.4, 31): the target minor; DEFAULT_MINOR when not given. */
export function kubernetesMinorFlag(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_MINOR;
  const minor = typeof value === 'string' ? parseKubernetesVersion(value) : undefined;
  if (minor === undefined) throw new UsageError(`--kubernetes-version must be a minor from ${formatMinor(MIN_MINOR)} to ${formatMinor(MAX_MINOR)}, e.g. --kubernetes-version 1.31`);
  return minor;
}

export function oneOf<T extends string>(value: string | boolean | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}
