/**
 * Cron as a Kubernetes CronJob runs it: robfig/cron v3 parsing and next-run search, the API
 * server's schedule and timeZone validation, and plain-English meaning.
 */
export { parseSchedule, nextRuns, validateTimeZone, dayMatches, FIELD_BOUNDS, MAX_SCHEDULE_LENGTH } from './schedule';
export type { CronSchedule, ParseResult, ScheduleForm, SpecFields, FieldSet, FieldName } from './schedule';
export { describeSchedule, describeParsed } from './describe';
export { loadZone, wallClock, formatOffset, zoneNameIgnoringCase, isKnownZoneName } from './zone';
export type { Zone, WallClock } from './zone';
export { TZDATA_VERSION } from './zoneNames';
