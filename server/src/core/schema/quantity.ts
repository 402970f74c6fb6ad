/**
 * Kubernetes resource quantities (k8s.io/apimachinery resource.ParseQuantity):
 * an optionally signed decimal number (`1`, `1.5`, `.5`, `1.`) followed by one suffix: a binary SI
 * suffix (Ki Mi Gi Ti Pi Ei), a decimal SI suffix (n u m k M G T P E, or none) or a decimal exponent
 * (`e3`, `E-2`). Anything else (`50MB`, `1.5.0`, `1K`, `1e`) is rejected.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const SHAPE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*)([+-]?[0-9]*)$/;

export interface ParsedQuantity {
  /** The amount in base units (cores, bytes…), as a float: exact enough to compare and display. */
  value: number;
  suffix: string;
}

export function parseQuantity(text: string): ParsedQuantity | undefined {
  if (text.length === 0) return undefined;
  if (text === '0') return { value: 0, suffix: '' };
  const m = SHAPE.exec(text);
  if (!m) return undefined;
  const [, sign, whole, fraction, letters, rest] = m;
  const suffix = letters + rest;
  let scale: number | undefined;
  if (suffix in BINARY) scale = BINARY[suffix];
  else if (suffix in DECIMAL) scale = DECIMAL[suffix];
  else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[eE][+-]?[0-9]+$/.test(suffix)) scale = 10 ** Number(suffix.slice(1));
  if (scale === undefined) return undefined;
  const magnitude = Number(`${whole || '0'}.${fraction ?? ''}0`);
  return { value: (sign === '-' ? -1 : 1) * magnitude * scale, suffix };
}

export function isQuantity(text: string): boolean {
  return parseQuantity(text) !== undefined;
}
