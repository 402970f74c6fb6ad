import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const LESSON_DIR = resolve(ROOT, 'examples/lesson');

export const lesson = {
  daemonset: () => readFileSync(resolve(LESSON_DIR, 'log-collector-daemonset.yaml'), 'utf8'),
  job: () => readFileSync(resolve(LESSON_DIR, 'hello-job.yaml'), 'utf8'),
  cronjob: () => readFileSync(resolve(LESSON_DIR, 'hello-cronjob.yaml'), 'utf8'),
};
