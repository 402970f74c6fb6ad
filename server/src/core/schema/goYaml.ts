import type { Scalar } from 'yaml';
import { hasOwn } from '../own';

/**
 * What a scalar becomes on its way to the API server. kubectl turns YAML into JSON with go-yaml v2
 * (YAML 1.1 rules): plain `yes`, `on`, `n` are booleans, `0644` is octal, `1_000` is a number. The
 * JSON value is then decoded strictly into the Go types. Values the yaml package reads under YAML 1.2
 * differently are resolved here as go-yaml would.
 */
export type GoValue =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; value: number; integral: boolean }
  | { kind: 'string'; value: string };

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity, '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9][0-9]*|0)$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

const STR = 'tag:yaml.org,2002:str';
const BINARY = 'tag:yaml.org,2002:binary';

export function goValue(node: Scalar): GoValue {
  const tag = node.tag;
  if (tag === STR || tag === BINARY) return { kind: 'string', value: String(node.value ?? '') };
  if (node.type !== 'PLAIN' || tag) return fromJs(node.value);
  const text = typeof node.source === 'string' ? node.source : String(node.value ?? '');
  return resolvePlain(text);
}

/** go-yaml v2's reading of an untagged plain scalar. */
export function resolvePlain(text: string): GoValue {
  if (TRUE.has(text)) return { kind: 'bool', value: true };
  if (FALSE.has(text)) return { kind: 'bool', value: false };
  if (NULL.has(text)) return { kind: 'null' };
  if (hasOwn(SPECIAL_FLOATS, text)) return { kind: 'number', value: SPECIAL_FLOATS[text], integral: false };
  const first = text.charCodeAt(0);
  const numeric = (first >= 48 && first <= 57) || text[0] === '+' || text[0] === '-' || text[0] === '.';
  if (numeric) {
    const plain = text.replace(/_/g, '');
    if (GO_INT.test(plain)) {
      const value = parseGoInt(plain);
      return { kind: 'number', value, integral: true };
    }
    if (YAML_FLOAT.test(plain)) {
      const value = Number(plain);
      return { kind: 'number', value, integral: Number.isInteger(value) };
    }
  }
  return { kind: 'string', value: text };
}

function parseGoInt(text: string): number {
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  let value: number;
  if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) value = parseInt(body.slice(1), 8);
  else value = Number(body);
  return negative ? -value : value;
}

function fromJs(value: unknown): GoValue {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number') return { kind: 'number', value, integral: Number.isInteger(value) };
  if (typeof value === 'bigint') return { kind: 'number', value: Number(value), integral: true };
  return { kind: 'string', value: String(value) };
}

