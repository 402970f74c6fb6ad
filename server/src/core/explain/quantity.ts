/**
 * Kubernetes resource quantities (`50m`, `1Gi`, `1e3`, `100M`) turned into plain numbers, exactly:
 * the mantissa is kept as a BigInt and scaled by powers of ten and two, so `1Ei` prints every digit.
 */

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|n|u|m|k|M|G|T|P|E)?$/;

export interface Quantity {
  /** The exact value: digits * 10^exp10 * 2^exp2 (sign included in digits). */
  digits: bigint;
  exp10: number;
  exp2: number;
  suffix: string;
}

export function parseQuantity(text: string): Quantity | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, sign, number, suffix = ''] = m;
  const [whole, fraction = ''] = number.split('.');
  let digits = BigInt((whole || '0') + fraction);
  if (sign === '-') digits = -digits;
  let exp10 = -fraction.length;
  let exp2 = 0;
  if (suffix in BINARY) exp2 = BINARY[suffix];
  else if (suffix in DECIMAL) exp10 += DECIMAL[suffix];
  else {
    const e = Number(suffix.slice(1));
    if (!Number.isFinite(e) || Math.abs(e) > 1000) return undefined;
    exp10 += e;
  }
  return { digits, exp10, exp2, suffix };
}

/** The exact decimal text of a quantity, with thousands separators in its integer part. */
export function quantityToDecimal(q: Quantity, scale10 = 0): string {
  let n = q.digits * 2n ** BigInt(q.exp2);
  let exp10 = q.exp10 + scale10;
  if (exp10 >= 0) return group((n * 10n ** BigInt(exp10)).toString());
  const negative = n < 0n;
  if (negative) n = -n;
  const places = -exp10;
  const s = n.toString().padStart(places + 1, '0');
  const intPart = s.slice(0, s.length - places);
  const frac = s.slice(s.length - places).replace(/0+$/, '');
  return `${negative ? '-' : ''}${group(intPart)}${frac ? `.${frac}` : ''}`;
}

function group(intText: string): string {
  const negative = intText.startsWith('-');
  const digits = negative ? intText.slice(1) : intText;
  return (negative ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function isWhole(q: Quantity, scale10 = 0): boolean {
  return !quantityToDecimal(q, scale10).includes('.');
}

const KIND_OF_RESOURCE: Record<string, 'cpu' | 'bytes'> = {
  cpu: 'cpu',
  memory: 'bytes',
  'ephemeral-storage': 'bytes',
  storage: 'bytes',
};

/**
 * A sentence that says what a quantity means for the resource it is given for
 * (`cpu: 50m` → 0.05 CPU; `memory: 50Mi` → 52,428,800 bytes). Undefined when the text is not a quantity.
 */
export function describeQuantity(text: string, resource?: string): string | undefined {
  const q = parseQuantity(text);
  if (!q) return undefined;
  const unit = resource ? KIND_OF_RESOURCE[resource] ?? (resource.startsWith('hugepages-') ? 'bytes' : undefined) : undefined;
  if (unit === 'cpu') {
    const cores = quantityToDecimal(q);
    const milli = quantityToDecimal(q, 3);
    let s = `\`${text}\` = ${cores} CPU (${milli} millicores; 1 CPU is one core or vCPU).`;
    if (!isWhole(q, 3)) s += ' Kubernetes does not work with CPU finer than 1m (0.001 CPU).';
    return s;
  }
  if (unit === 'bytes') {
    const bytes = quantityToDecimal(q);
    let s = `\`${text}\` = ${bytes} bytes`;
    const approx = approxBytes(q);
    if (approx) s += ` (${approx})`;
    s += '.';
    if (q.suffix === 'm') s += ' Careful: the `m` suffix means *milli*, a thousandth of a byte — you probably meant `M` (megabytes) or `Mi` (mebibytes).';
    if (q.suffix === 'M' || q.suffix === 'G') s += ` \`${q.suffix}\` is a power of ten; \`${q.suffix}i\` is the power of two (1${q.suffix}i = ${quantityToDecimal({ digits: 1n, exp10: 0, exp2: BINARY[q.suffix + 'i'], suffix: '' })} bytes).`;
    return s;
  }
  return `\`${text}\` = ${quantityToDecimal(q)}.`;
}

function approxBytes(q: Quantity): string | undefined {
  const value = Number(q.digits) * 10 ** q.exp10 * 2 ** q.exp2;
  if (!Number.isFinite(value) || Math.abs(value) < 1024) return undefined;
  const binary = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  const decimal = ['kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const pick = (base: number, units: string[]) => {
    let v = Math.abs(value);
    let i = -1;
    while (v >= base && i < units.length - 1) {
      v /= base;
      i++;
    }
    return `${(Math.sign(value) * v).toLocaleString('en-US', { maximumFractionDigits: 2 })} ${units[i]}`;
  };
  return `${pick(1024, binary)} = ${pick(1000, decimal)}`;
}
