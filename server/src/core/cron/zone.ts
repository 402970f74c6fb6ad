import { IANA_ZONE_NAMES } from './zoneNames';

/**
 * A time zone as Go's time package sees it, backed by the platform's ICU data through Intl.
 * Offsets are looked up per bucket of BUCKET_DAYS UTC days and cached: one Intl call per new
 * bucket, a bisection in the (rare) bucket that holds a transition. A bucket is assumed to hold
 * at most one transition: ICU agreed with this cache for every zone, every 12 hours from 1970 to 2040
 * (checked once); test/unit/cronZones.test.ts keeps checking the zones with odd histories.
 */
export interface Zone {
  /** The name as given (e.g. "America/New_York"), or "UTC" for the controller's default. */
  readonly name: string;
  /** Offset from UTC in seconds at an instant (ms since the epoch). */
  offsetAt(ms: number): number;
  /** Offset changes in [fromMs, toMs), oldest first. */
  transitions(fromMs: number, toMs: number): Transition[];
}

export interface Transition {
  /** The first instant (ms) of the new offset. */
  at: number;
  /** Offsets in seconds before and after. */
  before: number;
  after: number;
}

export const DAY_MS = 86_400_000;
const BUCKET_DAYS = 7;
const BUCKET_MS = BUCKET_DAYS * DAY_MS;

interface BucketOffsets {
  before: number;
  /** Instant (ms) of a transition inside the day, if any, and the offset from then on. */
  at?: number;
  after?: number;
}

class IntlZone implements Zone {
  private readonly format: Intl.DateTimeFormat;
  private readonly days = new Map<number, BucketOffsets>();

  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  offsetAt(ms: number): number {
    const bucket = Math.floor(ms / BUCKET_MS);
    let entry = this.days.get(bucket);
    if (!entry) {
      entry = this.measureBucket(bucket);
      if (this.days.size > 50_000) this.days.clear();
      this.days.set(bucket, entry);
    }
    return entry.at !== undefined && ms >= entry.at ? entry.after! : entry.before;
  }

  transitions(fromMs: number, toMs: number): Transition[] {
    const out: Transition[] = [];
    const last = Math.floor((toMs - 1) / BUCKET_MS);
    for (let bucket = Math.floor(fromMs / BUCKET_MS); bucket <= last && out.length < 1000; bucket++) {
      this.offsetAt(bucket * BUCKET_MS);
      const entry = this.days.get(bucket)!;
      if (entry.at !== undefined && entry.at >= fromMs && entry.at < toMs) out.push({ at: entry.at, before: entry.before, after: entry.after! });
    }
    return out;
  }

  private measureBucket(bucket: number): BucketOffsets {
    const start = bucket * BUCKET_MS;
    const end = start + BUCKET_MS;
    const before = this.days.get(bucket - 1)?.after ?? this.days.get(bucket - 1)?.before ?? this.measure(start);
    const after = this.days.get(bucket + 1)?.before ?? this.measure(end);
    if (before === after) return { before };
    let lo = start;
    let hi = end;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.measure(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, at: hi, after };
  }

  /** Offset in seconds at a whole-second instant, from the wall clock ICU reports there. */
  private measure(ms: number): number {
    const text = this.format.format(ms);
    const m = /^(\d+)\/(\d+)\/(\d+) (\S+), (\d+):(\d+):(\d+)$/.exec(text.replace(/\u202f|\u00a0/g, ' '));
    if (!m) return 0;
    let year = Number(m[3]);
    if (m[4] !== 'AD') year = 1 - year;
    const wallMs = utcFields(year, Number(m[1]), Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
    return Math.round((wallMs - Math.floor(ms / 1000) * 1000) / 1000);
  }
}

const FIXED_UTC: Zone = { name: 'UTC', offsetAt: () => 0, transitions: () => [] };
const zoneCache = new Map<string, Zone>();
const knownNames = new Set(IANA_ZONE_NAMES);

/**
 * The zone for a name the API server would accept (see validateTimeZone), or undefined.
 * `undefined` stands for the controller's own zone, which is UTC in the usual control-plane images.
 */
export function loadZone(name: string | undefined): Zone | undefined {
  if (name === undefined || name === 'UTC') return FIXED_UTC;
  const cached = zoneCache.get(name);
  if (cached) return cached;
  if (!knownNames.has(name)) return undefined;
  let zone: Zone;
  if (name === 'Factory') zone = { name, offsetAt: () => 0, transitions: () => [] };
  else {
    try {
      zone = new IntlZone(name);
    } catch {
      return undefined;
    }
  }
  zoneCache.set(name, zone);
  return zone;
}

/** True when the name is spelled exactly as in the tz database (Go's LoadLocation is case-sensitive). */
export function isKnownZoneName(name: string): boolean {
  return name === 'UTC' || knownNames.has(name);
}

/** The one entry of IANA_ZONE_NAMES that equals `name` ignoring case, for "did you mean". */
export function zoneNameIgnoringCase(name: string): string | undefined {
  const lower = name.toLowerCase();
  return IANA_ZONE_NAMES.find((n) => n.toLowerCase() === lower);
}

/** Wall-clock fields of an instant in a zone. */
export interface WallClock {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
  /** Offset from UTC in seconds. */
  offset: number;
}

export function wallClock(zone: Zone, ms: number): WallClock {
  const offset = zone.offsetAt(ms);
  const local = ms + offset * 1000;
  const days = Math.floor(local / DAY_MS);
  const rem = local - days * DAY_MS;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(rem / 3_600_000),
    minute: Math.floor(rem / 60_000) % 60,
    second: Math.floor(rem / 1000) % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
    offset,
  };
}

/** Days since 1970-01-01 of a proleptic Gregorian date; the day may overflow the month. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day];
}

/**
 * The instant of a wall-clock time in a zone, resolved the way Go's time.Date resolves it:
 * fields overflow into the next unit (day 32 → next month), and a wall time that a transition
 * skips or repeats takes the offset in effect at (wall time − offset at the wall time read as UTC).
 * For a skipped time that lands after the gap; for a repeated time it picks the first occurrence
 * or the second depending on the zone, exactly as Go does.
 */
export function zonedInstant(zone: Zone, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const wall = utcFields(year, month, day, hour, minute, second);
  const first = zone.offsetAt(wall);
  const offset = zone.offsetAt(wall - first * 1000);
  return wall - offset * 1000;
}

/** Milliseconds of a UTC wall time; every field may overflow into the next (as Go's time.Date allows). */
function utcFields(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = (((m0 % 12) + 12) % 12) + 1;
  return daysFromCivil(y, m, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/** "+05:45", "-03:00", "+00:00" (seconds shown only when not whole minutes). */
export function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${sign}${pad2(h)}:${pad2(m)}${s ? `:${pad2(s)}` : ''}`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
