import { hasOwn } from './own';
/**
 * Kubernetes resource quantities (k8s.io/apimachinery resource.ParseQuantity), one parser for the
 * whole core: an optionally signed decimal number (`1`, `1.5`, `.5`, `1.`) followed by one suffix — a
 * binary SI suffix (Ki Mi Gi Ti Pi Ei), a decimal SI suffix (n u m k M G T P E, or none) or a decimal
 * exponent (`e3`, `E-2`). Anything else (`50MB`, `1.5.0`, `1K`, `1e`, surrounding spaces) is rejected;
 * the JSON decoder trims spaces before parsing, so callers reading manifests trim first.
 */
const BINARY_EXP2: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXP10: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const SHAPE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*)([+-]?[0-9]*)$/;

export interface Quantity {
  /** The exact amount is digits × 10^exp10 × 2^exp2 (the sign is in digits). */
  digits: bigint;
  exp10: number;
  exp2: number;
  suffix: string;
  /** The amount in base units (cores, bytes…) as a float: exact enough to compare and display. */
  value: number;
}

export function parseQuantity(text: string): Quantity | undefined {
  const m = SHAPE.exec(text);
  if (!m || text.length === 0) return undefined;
  const [, sign, whole, fraction = '', letters, rest] = m;
  const suffix = letters + rest;
  let exp10 = -fraction.length;
  let exp2 = 0;
  if (hasOwn(BINARY_EXP2, suffix)) exp2 = BINARY_EXP2[suffix];
  else if (hasOwn(DECIMAL_EXP10, suffix)) exp10 += DECIMAL_EXP10[suffix];
  else if (/^[eE][+-]?[0-9]+$/.test(suffix) && Math.abs(Number(suffix.slice(1))) <= 1000) exp10 += Number(suffix.slice(1));
  else return undefined;
  let digits = BigInt(`${whole}${fraction}` || '0');
  if (sign === '-') digits = -digits;
  const value = Number(digits) * 10 ** exp10 * 2 ** exp2;
  return { digits, exp10, exp2, suffix, value };
}

export function isQuantity(text: string): boolean {
  return parseQuantity(text) !== undefined;
}

/** The exact decimal text of a quantity (times 10^scale10), with thousands separators in its integer part. */
export function quantityToDecimal(q: Pick<Quantity, 'digits' | 'exp10' | 'exp2'>, scale10 = 0): string {
  let n = q.digits * 2n ** BigInt(q.exp2);
  const exp10 = q.exp10 + scale10;
  if (exp10 >= 0) return groupThousands((n * 10n ** BigInt(exp10)).toString());
  const negative = n < 0n;
  if (negative) n = -n;
  const places = -exp10;
  const s = n.toString().padStart(places + 1, '0');
  const intPart = s.slice(0, s.length - places);
  const frac = s.slice(s.length - places).replace(/0+$/, '');
  return `${negative ? '-' : ''}${groupThousands(intPart)}${frac ? `.${frac}` : ''}`;
}

function groupThousands(intText: string): string {
  const negative = intText.startsWith('-');
  const digits = negative ? intText.slice(1) : intText;
  return (negative ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A quantity in thousandths of its unit, rounded up as Kubernetes' MilliValue does. */
export function quantityMilli(q: Quantity): bigint {
  const n = q.digits * 2n ** BigInt(q.exp2);
  const exp = q.exp10 + 3;
  if (exp >= 0) return n * 10n ** BigInt(exp);
  const d = 10n ** BigInt(-exp);
  const quotient = n / d;
  return n % d === 0n || n < 0n ? quotient : quotient + 1n;
}

const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * resource.Quantity.String(): the canonical text the API server prints for a quantity
 * ("0.2" → "200m", "1024Mi" → "1Gi", "1000m" → "1"), or the text itself when it is not a quantity
 * we can print exactly.
 */
export function canonicalQuantity(text: string): string {
  const q = parseQuantity(text);
  if (!q) return text;
  const format = q.exp2 ? 'binary' : /^[eE]/.test(q.suffix) ? 'exponent' : 'decimal';
  let mantissa = q.digits * 2n ** BigInt(q.exp2);
  let exp = q.exp10;
  if (mantissa === 0n) return '0';
  const negative = mantissa < 0n;
  if (negative) mantissa = -mantissa;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  const sign = negative ? '-' : '';
  if (format === 'binary') {
    // Whole numbers of bytes of at least 1024 stay binary; others are printed in decimal SI.
    let bytes: bigint | undefined;
    if (exp >= 0) bytes = mantissa * 10n ** BigInt(exp);
    else if (mantissa % 10n ** BigInt(-exp) === 0n) bytes = mantissa / 10n ** BigInt(-exp);
    if (bytes !== undefined && bytes >= 1024n) {
      let i = 0;
      while (i < 6 && bytes % 1024n === 0n) {
        bytes /= 1024n;
        i++;
      }
      return `${sign}${bytes}${BINARY_SUFFIX[i]}`;
    }
  }
  if (exp < -9) return text; // the server rounds up to nano units; not worth mirroring
  const e3 = Math.min(18, Math.floor(exp / 3) * 3);
  const digits = mantissa * 10n ** BigInt(exp - e3);
  const suffixText = format === 'exponent' ? (e3 === 0 ? '' : `e${e3}`) : DECIMAL_SUFFIX[e3];
  return `${sign}${digits}${suffixText}`;
}
