// Seed data; replaced by the output of scripts/generate-versions.mjs.
import type { VersionsData } from './types';

export const versionsData: VersionsData = {
  source: 'seed',
  minMinor: 27,
  maxMinor: 36,
  gates: {
    JobSuccessPolicy: [null, null, null, ['alpha', 0], ['beta', 1], ['beta', 1], ['ga', 1], ['ga', 1], ['ga', 1], ['ga', 1]],
  },
  fields: {
    JobSpec: { successPolicy: { since: 30, gate: 'JobSuccessPolicy' } },
  },
};
