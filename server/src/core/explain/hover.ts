import type { Node } from 'yaml';
import { isScalar, isSeq, isMap } from '../model/yamlNodes';
import type { WorkloadFile, WorkloadKind, ParsedDoc } from '../model/workloadFile';
import { nodeAtOffset, nodeRange, type PathSeg } from '../model/path';
import { fieldAt, kubePath, objectRef, shapeLabel, typeInfo, type FieldInfo, type FieldShape } from '../schema';
import { docAt } from './locate';
import { NOTES, noteFor, pickByKind, resourceNameNote, valueNote, type NoteHit } from './inShort';
import { describeQuantity } from './quantity';
import { apiPageFor } from './apiLinks';
import { computedValueNote } from './values';
import { DEFAULT_MINOR, describeFieldFacts, fieldFacts, fieldStatus, type FieldFacts, type FieldStatus } from '../versions';

/** A hover in file offsets: markdown and the range it is about. */
export interface CoreHover {
  markdown: string;
  start: number;
  end: number;
  /** The kubectl-style path hovered, e.g. `spec.template.spec.restartPolicy`. */
  path: string;
}

/** Extra hover sections contributed by other features for specific fields (cron for schedule/timeZone). */
export interface HoverContext {
  kind: WorkloadKind;
  doc: ParsedDoc;
  segs: readonly PathSeg[];
  value: unknown;
  onKey: boolean;
}

export type HoverExtension = (ctx: HoverContext) => string | undefined;

/** What we know about one field of a kind, independent of any document. */
export interface FieldExplanation {
  kind: WorkloadKind;
  path: string;
  type: string;
  required: boolean;
  default?: string;
  enum?: string[];
  inShort?: string;
  description?: string;
  docsUrl: string;
  /** Our explanation of each value we have words for (enum values, well-known keys). */
  valueNotes?: Record<string, string>;
  /** The object type holding the field ('PodSpec'…), if any. */
  parentType?: string;
  /** The object type of the value, for object, list-of-object and map-of-object fields. */
  valueType?: string;
  /** The field's version facts for the target: "since 1.30 (beta 1.31, GA 1.33); on your target 1.30 this field is dropped: …". */
  versions?: string;
  /** When the field appeared and the gate that drops it (only for fields with version facts). */
  versionFacts?: FieldFacts;
  /** How an API server of `minor` treats the field on create. */
  versionStatus?: FieldStatus;
  /** The target minor the version facts are about. */
  minor: number;
}

/** Default value: ours when we have words for it, else what the API description says. */
function defaultOf(note: NoteHit | undefined, kind: WorkloadKind, field: FieldInfo | undefined): string | undefined {
  const ours = pickByKind(note?.note.default, kind);
  if (ours) return ours;
  const m = field?.description && /Defaults? to ([^.]{1,80}?)\.(\s|$)/.exec(field.description);
  return m ? m[1].replace(/\\"/g, '"') : undefined;
}

/** What we know about the field at `segs` of `kind`, its version facts told for a `minor` API server. */
export function explainField(kind: WorkloadKind, segs: readonly PathSeg[], minor: number = DEFAULT_MINOR): FieldExplanation | undefined {
  const hit = fieldAt(kind, segs);
  if (!hit) return undefined;
  const path = kubePath(kind, segs);
  const note = noteFor(kind, segs);
  const last = segs[segs.length - 1];
  // A list item or a map value: describe the list/map field, but with the item's type.
  const isElement = segs.length > 0 && (typeof last === 'number' || hit.shape !== hit.field);
  const field = hit.field;
  const valueType = objectRef(hit.shape);
  let inShort = pickByKind(note?.note.text, kind);
  if (typeof last === 'string' && hit.shape !== hit.field && note?.key.endsWith('.*')) {
    const resource = resourceNameNote(last);
    if (resource) inShort = inShort ? `${inShort} ${resource}` : resource;
  }
  if (!inShort && typeof last === 'number') inShort = pickByKind(noteFor(kind, segs.slice(0, -1))?.note.text, kind);
  const root = segs.length === 0;
  if (root) inShort = pickByKind(NOTES['root:kind'].text, kind);
  const description = root
    ? typeInfo(valueType ?? '')?.description
    : isElement
      ? typeInfo(valueType ?? '')?.description ?? field?.description
      : field?.description ?? typeInfo(valueType ?? '')?.description;
  const shapeEnum = hit.shape.enum;
  let valueNotes: Record<string, string> | undefined;
  for (const [v, text] of Object.entries(note?.note.values ?? {})) {
    const picked = pickByKind(text, kind);
    if (picked) (valueNotes ??= {})[v] = picked;
  }
  // Version facts belong to the field itself, not to a list item or map value under it.
  const owner = !isElement && !root && typeof last === 'string' ? hit.parentType?.name : undefined;
  const via = holdingField(segs.slice(0, -1));
  const versionFacts = owner ? fieldFacts(owner, last as string, via) : undefined;
  return {
    ...(owner && versionFacts ? { versions: describeFieldFacts(owner, last as string, minor, via), versionFacts, versionStatus: fieldStatus(owner, last as string, minor, via) } : {}),
    minor,
    valueNotes,
    kind,
    path: root ? kind : path,
    type: shapeLabel(hit.shape),
    required: !isElement && !!field?.required,
    default: isElement ? undefined : defaultOf(note, kind, field),
    enum: shapeEnum,
    inShort,
    description,
    docsUrl: apiPageFor(kind, hit.parentType?.name, path),
    parentType: hit.parentType?.name,
    valueType,
  };
}

/** The field that holds the object at `segs` (`initContainers` for a container in that list), for version facts. */
export function holdingField(segs: readonly PathSeg[]): string | undefined {
  for (let i = segs.length - 1; i >= 0; i--) if (typeof segs[i] === 'string') return segs[i] as string;
  return undefined;
}

function scalarText(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/** Text about the value under the cursor: an enum value's meaning, a quantity in plain numbers. */
function valueSection(kind: WorkloadKind, segs: readonly PathSeg[], node: Node | null, note: NoteHit | undefined, shape: FieldShape | undefined): string | undefined {
  const text = scalarText(node);
  if (text === undefined) return undefined;
  const parts: string[] = [];
  const meaning = valueNote(note, text, kind);
  if (meaning) parts.push(`\`${text}\` — ${meaning}`);
  if (shape?.type === 'quantity' || shape?.type === 'int-or-string' && /^(requests|limits)$/.test(String(segs[segs.length - 2]))) {
    const resource = typeof segs[segs.length - 1] === 'string' ? (segs[segs.length - 1] as string) : undefined;
    const q = describeQuantity(text, resource);
    if (q) parts.push(q);
  }
  if (!meaning && shape?.enum && !shape.enum.includes(text)) {
    const near = shape.enum.find((v) => v.toLowerCase() === text.toLowerCase());
    parts.push(`\`${text}\` is not one of ${shape.enum.map((v) => `\`${v}\``).join(', ')}${near ? ` (letter case matters: \`${near}\`)` : ''}.`);
  }
  return parts.length ? parts.join('\n\n') : undefined;
}

export function renderFieldMarkdown(e: FieldExplanation, extra: { value?: string; sections?: string[] } = {}): string {
  const facts = [`\`${e.type}\``];
  if (e.required) facts.push('**required**');
  if (e.default) facts.push(`default: ${/[`]/.test(e.default) ? e.default : `\`${e.default}\``}`);
  if (e.enum?.length) facts.push(`one of ${e.enum.map((v) => `\`${v}\``).join(' · ')}`);
  const out = [`**${e.path}** — ${facts.join(' · ')}`];
  // A field the target drops or does not know comes first; otherwise its history follows the value.
  const versions = e.versions ? `**Kubernetes versions.** ${e.versions}.` : undefined;
  const warn = versions && e.versionStatus && e.versionStatus.status !== 'ok';
  if (warn) out.push(`⚠ ${versions}`);
  if (e.inShort) out.push(`**In short.** ${e.inShort}`);
  if (extra.value) out.push(`**This value.** ${extra.value}`);
  if (versions && !warn) out.push(versions);
  for (const s of extra.sections ?? []) out.push(s);
  out.push('---');
  out.push(`**API reference**${e.parentType ? ` — ${e.parentType}` : ''}${e.description ? `: ${escapeMarkdown(e.description.replace(/\\"/g, '"'))}` : ''}`);
  out.push(`[${e.parentType ?? e.kind} on kubernetes.io](${e.docsUrl})`);
  return out.join('\n\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([<>*_`[\]])/g, '\\$1');
}

/**
 * The hover for a file offset on a key or value of a DaemonSet, Job or CronJob; nothing for other
 * YAML. `extensions` add sections for particular fields (cron hovers on schedule and timeZone).
 */
export function hoverAt(file: WorkloadFile, offset: number, extensions: HoverExtension[] = [], minor: number = DEFAULT_MINOR): CoreHover | undefined {
  const placed = docAt(file, offset);
  const kind = placed?.doc.workload;
  if (!placed || !kind) return undefined;
  const rel = offset - placed.start;
  const dash = listItemAtDash(file, placed, offset, minor);
  if (dash) return dash;
  const hit = nodeAtOffset(placed.doc, rel);
  if (!hit || hit.segs.length === 0) return undefined;
  let range: [number, number] | undefined;
  if (hit.onKey && hit.pair) range = nodeRange(hit.pair.key as Node);
  else if (hit.node && (isScalar(hit.node) || typeof hit.segs[hit.segs.length - 1] === 'number')) range = nodeRange(hit.node);
  if (!range) return undefined;
  if (!hit.onKey && (isMap(hit.node) || isSeq(hit.node)) && typeof hit.segs[hit.segs.length - 1] !== 'number') return undefined;
  // On a list item's dash or its whole block: explain the item when the offset is not on one of its keys.
  const segs = hit.segs;
  const explanation = explainField(kind, segs, minor);
  if (!explanation) return unknownFieldHover(kind, segs, range, placed.start);
  const note = noteFor(kind, segs);
  const shape = fieldAt(kind, segs)?.shape;
  const computed = hit.onKey || !isScalar(hit.node) ? undefined : computedValueNote(kind, placed.doc, segs, hit.node.value);
  const value = hit.onKey ? undefined : [valueSection(kind, segs, hit.node, note, shape), computed].filter(Boolean).join('\n\n') || undefined;
  const sections: string[] = [];
  for (const extension of extensions) {
    try {
      const s = extension({ kind, doc: placed.doc, segs, value: isScalar(hit.node) ? hit.node.value : undefined, onKey: hit.onKey });
      if (s) sections.push(s);
    } catch {
      // A failing extension must not take the field's hover down with it.
    }
  }
  return { markdown: renderFieldMarkdown(explanation, { value, sections }), start: placed.start + range[0], end: placed.start + range[1], path: explanation.path };
}

function unknownFieldHover(kind: WorkloadKind, segs: readonly PathSeg[], range: [number, number], base: number): CoreHover | undefined {
  // Past the schema (an unknown key): say so, without guessing.
  const parentSegs = segs.slice(0, -1);
  const parent = fieldAt(kind, parentSegs);
  if (!parent) return undefined;
  const name = segs[segs.length - 1];
  if (typeof name !== 'string') return undefined;
  const ref = objectRef(parent.shape);
  const where = ref ? `\`${ref}\`` : 'this object';
  return {
    markdown: `**${kubePath(kind, segs)}** — not a field of ${where}; the API server rejects unknown fields.`,
    start: base + range[0],
    end: base + range[1],
    path: kubePath(kind, segs),
  };
}

/** On the `-` of a block list item: explain the item (one toleration, one container…). */
function listItemAtDash(file: WorkloadFile, placed: { start: number; doc: ParsedDoc }, offset: number, minor: number): CoreHover | undefined {
  const kind = placed.doc.workload!;
  let dashAt = -1;
  if (file.text[offset] === '-') dashAt = offset;
  else if (file.text[offset - 1] === '-' && (file.text[offset] === ' ' || file.text[offset] === '\t')) dashAt = offset - 1;
  if (dashAt < 0 || !/[ \t]/.test(file.text[dashAt + 1] ?? '')) return undefined;
  let itemAt = dashAt + 1;
  while (file.text[itemAt] === ' ' || file.text[itemAt] === '\t') itemAt++;
  const hit = nodeAtOffset(placed.doc, itemAt - placed.start);
  if (!hit) return undefined;
  let last = -1;
  for (let i = hit.segs.length - 1; i >= 0; i--) {
    if (typeof hit.segs[i] === 'number') {
      last = i;
      break;
    }
  }
  if (last < 0) return undefined;
  const segs = hit.segs.slice(0, last + 1);
  const explanation = explainField(kind, segs, minor);
  if (!explanation) return undefined;
  return { markdown: renderFieldMarkdown(explanation), start: dashAt, end: dashAt + 1, path: explanation.path };
}
