import { own } from '../own';
/**
 * The few Go standard-library behaviours the schedule parser depends on, reproduced so that
 * errors read exactly as the API server writes them: strconv.Atoi, strconv.Quote (%q),
 * strings.Fields and time.ParseDuration.
 */

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** strconv.Atoi on a 64-bit platform: an optional sign, then ASCII digits only. */
export function goAtoi(s: string): { ok: true; value: bigint } | { ok: false; error: string } {
  const syntax = { ok: false as const, error: `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax` };
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i = 1;
  if (i >= s.length) return syntax;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return syntax;
  }
  const value = BigInt(s[0] === '+' ? s.slice(1) : s);
  if (value > INT64_MAX || value < INT64_MIN) return { ok: false, error: `strconv.Atoi: parsing ${goQuote(s)}: value out of range` };
  return { ok: true, value };
}

/** strconv.Quote: double-quoted, Go escapes for control and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp < 0x80 || isPrintable(ch)) out += ch;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/**
 * The time package's own quote (used in ParseDuration errors): ASCII as is (with \" and \\), every
 * byte of a control or non-ASCII character as \xNN.
 */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const byte of new TextEncoder().encode(ch)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return `${out}"`;
}

function isPrintable(ch: string): boolean {
  return !/[\p{C}\p{Z}]/u.test(ch) || ch === ' ';
}

/** The characters Go's unicode.IsSpace accepts (strings.Fields splits on them). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

export function goFields(s: string): string[] {
  return s.split(GO_SPACE).filter((f) => f.length > 0);
}

export function isGoSpace(ch: string): boolean {
  return GO_SPACE.test(ch);
}

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n,
  '\u03bcs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** time.ParseDuration: nanoseconds, or Go's error text. */
export function goParseDuration(orig: string): { ok: true; ns: bigint } | { ok: false; error: string } {
  const invalid = { ok: false as const, error: `time: invalid duration ${goTimeQuote(orig)}` };
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ns: 0n };
  if (s === '') return invalid;
  let total = 0n;
  const limit = 1n << 63n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid;
    let i = 0;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
    const intDigits = s.slice(0, i);
    s = s.slice(i);
    let v = intDigits ? BigInt(intDigits) : 0n;
    if (v > limit) return invalid;
    let fracDigits = '';
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
      fracDigits = s.slice(0, j);
      post = j > 0;
      s = s.slice(j);
    }
    if (!intDigits && !post) return invalid;
    let u = 0;
    while (u < s.length && s[u] !== '.' && !(s[u] >= '0' && s[u] <= '9')) u++;
    if (u === 0) return { ok: false, error: `time: missing unit in duration ${goTimeQuote(orig)}` };
    const unitName = s.slice(0, u);
    s = s.slice(u);
    const unit = own(UNIT_NS, unitName);
    if (unit === undefined) return { ok: false, error: `time: unknown unit ${goTimeQuote(unitName)} in duration ${goTimeQuote(orig)}` };
    if (v > limit / unit) return invalid;
    v *= unit;
    if (fracDigits) {
      // Go keeps at most the digits that fit in an int64 and scales through float64.
      let f = 0n;
      let scale = 1;
      for (const d of fracDigits) {
        if (f > (INT64_MAX - 9n) / 10n) break;
        f = f * 10n + BigInt(d);
        scale *= 10;
      }
      v += BigInt(Math.floor(Number(f) * (Number(unit) / scale)));
      if (v > limit) return invalid;
    }
    total += v;
    if (total > limit) return invalid;
  }
  if (neg) return { ok: true, ns: -total };
  if (total > INT64_MAX) return invalid;
  return { ok: true, ns: total };
}
