import { IANA_ZONE_NAMES } from './zoneNames';

/**
 * A time zone as Go's time package sees it, backed by the platform's ICU data through Intl.
 * Offsets are looked up per UTC day and cached: one Intl call per new day, a bisection on the
 * (rare) day that holds a transition. A day is assumed to hold at most one transition, which is
 * true of every rule in the tz database since 1970.
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

const DAY_MS = 86_400_000;

interface DayOffsets {
  before: number;
  /** Instant (ms) of a transition inside the day, if any, and the offset from then on. */
  at?: number;
  after?: number;
}

class IntlZone implements Zone {
  private readonly format: Intl.DateTimeFormat;
  private readonly days = new Map<number, DayOffsets>();

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
    const day = Math.floor(ms / DAY_MS);
    let entry = this.days.get(day);
    if (!entry) {
      entry = this.measureDay(day);
      if (this.days.size > 50_000) this.days.clear();
      this.days.set(day, entry);
    }
    return entry.at !== undefined && ms >= entry.at ? entry.after! : entry.before;
  }

  transitions(fromMs: number, toMs: number): Transition[] {
    const out: Transition[] = [];
    const last = Math.floor((toMs - 1) / DAY_MS);
    for (let day = Math.floor(fromMs / DAY_MS); day <= last && out.length < 1000; day++) {
      this.offsetAt(day * DAY_MS);
      const entry = this.days.get(day)!;
      if (entry.at !== undefined && entry.at >= fromMs && entry.at < toMs) out.push({ at: entry.at, before: entry.before, after: entry.after! });
    }
    return out;
  }

  private measureDay(day: number): DayOffsets {
    const start = day * DAY_MS;
    const end = start + DAY_MS;
    const before = this.measure(start);
    const after = this.measure(end);
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
  const d = new Date(ms + offset * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    offset,
  };
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

function utcFields(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
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
