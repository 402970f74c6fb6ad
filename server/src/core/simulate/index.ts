export { simulateJob, failsAt, podFailureBackoff, guessPodDuration, readJobSettings, POD_FAILURE_BACKOFF_SECONDS, MAX_POD_FAILURE_BACKOFF_SECONDS } from './job';
export type { JobSimOptions, JobTimeline, SimPod, SimEvent, JobSettings } from './job';
export { simulateCronJob } from './cronjob';
export type { CronSimOptions, CronTimeline, CronRun, CronEvent, CronSettings } from './cronjob';
export { parseDurationSeconds, formatSeconds } from './duration';
