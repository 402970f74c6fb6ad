/**
 * resource.Quantity.String(): the canonical text the API server prints for a quantity
 * ("0.2" → "200m", "1024Mi" → "1Gi", "1000m" → "1"). Exact decimal arithmetic on BigInt.
 */
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const BINARY_POWER: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_POWER: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The canonical form, or the text itself when it is not a quantity we can read exactly. */
export function canonicalQuantity(text: string): string {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(text);
  if (!m || (!m[2] && !m[3])) return text;
  const [, sign, whole, fraction = '', suffix] = m;
  let mantissa = BigInt(`${whole || '0'}${fraction}`);
  let exp = -fraction.length;
  let format: 'binary' | 'decimal' | 'exponent';
  if (suffix in BINARY_POWER) {
    format = 'binary';
    mantissa *= 1024n ** BigInt(BINARY_POWER[suffix]);
  } else if (suffix in DECIMAL_POWER) {
    format = 'decimal';
    exp += DECIMAL_POWER[suffix];
  } else if (/^[eE][+-]?[0-9]+$/.test(suffix)) {
    format = 'exponent';
    exp += Number(suffix.slice(1));
  } else return text;
  const neg = sign === '-' && mantissa !== 0n;
  if (mantissa === 0n) return '0';
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  if (format === 'binary') {
    // Whole numbers of bytes of at least 1024 stay binary; others are printed in decimal SI.
    let bytes: bigint | undefined;
    if (exp >= 0) bytes = mantissa * 10n ** BigInt(exp);
    else {
      const den = 10n ** BigInt(-exp);
      if (mantissa % den === 0n) bytes = mantissa / den;
    }
    if (bytes !== undefined && bytes >= 1024n) {
      let i = 0;
      while (i < 6 && bytes % 1024n === 0n) {
        bytes /= 1024n;
        i++;
      }
      return `${neg ? '-' : ''}${bytes}${BINARY_SUFFIX[i]}`;
    }
    format = 'decimal';
  }
  if (exp < -9) return text; // the server rounds up to nano units; not worth mirroring
  let e3 = Math.floor(exp / 3) * 3;
  if (e3 > 18) e3 = 18;
  const digits = mantissa * 10n ** BigInt(exp - e3);
  const suffixText = format === 'exponent' ? (e3 === 0 ? '' : `e${e3}`) : DECIMAL_SUFFIX[e3];
  return `${neg ? '-' : ''}${digits}${suffixText}`;
}
