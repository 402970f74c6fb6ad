export { loadZone } from '../../server/src/core/cron/zone';

/** Zones with unusual offset histories: DST of 30 minutes, 45-minute offsets, midnight changes, Ramadan suspensions, double summer time. */
export const IANA_ZONE_NAMES_FOR_TESTS = [
  'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo', 'Asia/Kolkata',
  'Asia/Kathmandu', 'Africa/Casablanca', 'Antarctica/Troll', 'America/Havana', 'Asia/Tehran', 'Europe/Dublin', 'America/Santiago',
  'Asia/Gaza', 'Pacific/Apia', 'America/St_Johns', 'Australia/Adelaide', 'Europe/Moscow', 'America/Godthab',
];
