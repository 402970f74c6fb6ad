/**
 * Kubernetes resource quantities (`50m`, `1Gi`, `1e3`, `100M`) explained in plain numbers, exactly
 * (the core's quantity parser keeps the mantissa as a BigInt, so `1Ei` prints every digit).
 */
import { parseQuantity, quantityToDecimal, type Quantity } from '../quantity';
import { own } from '../own';

const BINARY_EXP2: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

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
  const q = parseQuantity(text.trim());
  if (!q) return undefined;
  const unit = resource ? own(KIND_OF_RESOURCE, resource) ?? (resource.startsWith('hugepages-') ? 'bytes' : undefined) : undefined;
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
    if (q.suffix === 'M' || q.suffix === 'G') s += ` \`${q.suffix}\` is a power of ten; \`${q.suffix}i\` is the power of two (1${q.suffix}i = ${quantityToDecimal({ digits: 1n, exp10: 0, exp2: BINARY_EXP2[q.suffix + 'i'] })} bytes).`;
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
