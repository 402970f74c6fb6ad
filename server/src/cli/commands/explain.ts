import { explainPath, ExplainPathError, type ExplainResult } from '../../core/explain/explainPath';
import { kubernetesMinorFlag, oneOf, parseArgs, UsageError } from '../io';
import type { CliCommand } from '../command';
import { formatMinor } from '../../core/versions';

const WIDTH = 80;

export const explainCommand: CliCommand = {
  name: 'explain',
  usage: 'explain <kind>[.<field path>] [--format text|json] [--kubernetes-version 1.27..1.36]',
  summary: 'Describe a DaemonSet/Job/CronJob field like kubectl explain, offline, with a plain-words "In short" first.',
  run(args, io) {
    const { positional, flags } = parseArgs(args, { format: 'string', 'kubernetes-version': 'string' });
    const kubernetesMinor = kubernetesMinorFlag(flags['kubernetes-version']);
    const format = oneOf(flags.format, ['text', 'json'] as const, 'format', 'text');
    if (positional.length !== 1) throw new UsageError('explain needs one argument, e.g. cronjob.spec.concurrencyPolicy');
    let result: ExplainResult;
    try {
      result = explainPath(positional[0], kubernetesMinor);
    } catch (error) {
      if (error instanceof ExplainPathError) throw new UsageError(`${error.message}${error.suggestion ? `; did you mean ${error.suggestion}?` : ''}`);
      throw error;
    }
    if (format === 'json') io.out(JSON.stringify(toJson(result), null, 2));
    else io.out(renderText(result));
    return 0;
  },
};

function toJson(r: ExplainResult) {
  const e = r.explanation;
  return {
    kind: r.kind,
    apiVersion: r.apiVersion,
    field: r.field || null,
    path: r.field ? e.path : null,
    type: e.type,
    required: e.required,
    default: e.default ?? null,
    enum: e.enum ?? null,
    values: e.valueNotes ?? null,
    inShort: e.inShort ?? null,
    description: e.description ?? null,
    docs: e.docsUrl,
    fields: r.fields,
    kubernetesVersion: formatMinor(r.minor),
    versions: e.versions
      ? { text: e.versions, since: e.versionFacts?.since !== undefined ? formatMinor(e.versionFacts.since) : null, gate: e.versionFacts?.gate ?? null, status: e.versionStatus?.status ?? 'ok' }
      : null,
  };
}

/** Markdown-ish inline code and emphasis read better without their markers in a terminal. */
function plain(text: string): string {
  return text.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').replace(/\\"/g, '"');
}

function wrap(text: string, indent: string, width = WIDTH): string[] {
  const out: string[] = [];
  for (const paragraph of plain(text).split(/\n+/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) out.push(indent + line);
  }
  return out;
}

export function renderText(r: ExplainResult): string {
  const e = r.explanation;
  const [group, version] = r.apiVersion.includes('/') ? r.apiVersion.split('/') : ['', r.apiVersion];
  const lines: string[] = [];
  if (group) lines.push(`GROUP:      ${group}`);
  lines.push(`KIND:       ${r.kind}`, `VERSION:    ${version}`, '');
  const last = r.field.split('.').pop();
  lines.push(r.field ? `FIELD: ${last} <${e.type}>${e.required ? ' -required-' : ''}` : `${r.kind} <${e.type}>`);
  if (r.field) lines.push(`PATH:  ${e.path}`);
  if (e.default) lines.push(`DEFAULT: ${plain(e.default)}`);
  if (e.enum?.length) {
    lines.push('ENUM:');
    for (const v of e.enum) {
      lines.push(`    ${v}`);
      const about = e.valueNotes?.[v];
      if (about) lines.push(...wrap(about, '        '));
    }
  }
  if (e.inShort) lines.push('', 'IN SHORT:', ...wrap(e.inShort, '    '));
  if (e.versions) lines.push('', 'KUBERNETES VERSIONS:', ...wrap(`${e.versions}.`, '    '));
  lines.push('', 'DESCRIPTION:', ...(e.description ? wrap(e.description, '    ') : ['    <empty>']));
  if (r.fields.length) {
    lines.push('', 'FIELDS:');
    for (const f of r.fields) {
      const onTarget = f.versionStatus === 'dropped' ? ` (dropped on ${formatMinor(r.minor)})` : f.versionStatus === 'unknown' ? ` (not in ${formatMinor(r.minor)})` : '';
      lines.push(`  ${f.name}\t<${f.type}>${f.required ? ' -required-' : ''}${onTarget}`);
      const about = f.inShort ?? firstSentence(f.description);
      if (about) lines.push(...wrap(about, '    '));
      lines.push('');
    }
    lines.pop();
  }
  lines.push('', `API reference: ${e.docsUrl}`);
  return lines.join('\n');
}

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /^(.+?[.])(\s|$)/.exec(text.replace(/\s+/g, ' '));
  return m ? m[1] : text;
}
