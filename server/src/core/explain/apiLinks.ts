import type { WorkloadKind } from '../model/workloadFile';
import { docsUrl } from '../schema';

const REF = 'https://kubernetes.io/docs/reference/kubernetes-api';

const TYPE_PAGES: Record<string, string> = {
  ObjectMeta: `${REF}/common-definitions/object-meta/#ObjectMeta`,
  LabelSelector: `${REF}/common-definitions/label-selector/#LabelSelector`,
  LabelSelectorRequirement: `${REF}/common-definitions/label-selector/#LabelSelector`,
  PodTemplateSpec: `${REF}/workload-resources/pod-template-v1/#PodTemplateSpec`,
  PodSpec: `${REF}/workload-resources/pod-v1/#PodSpec`,
  Container: `${REF}/workload-resources/pod-v1/#Container`,
  EphemeralContainer: `${REF}/workload-resources/pod-v1/#EphemeralContainer`,
  Toleration: `${REF}/workload-resources/pod-v1/#scheduling`,
  Affinity: `${REF}/workload-resources/pod-v1/#scheduling`,
  ResourceRequirements: `${REF}/workload-resources/pod-v1/#resources`,
  VolumeMount: `${REF}/workload-resources/pod-v1/#volumes`,
  Volume: `${REF}/config-and-storage-resources/volume/#Volume`,
  HostPathVolumeSource: `${REF}/config-and-storage-resources/volume/#Volume`,
  Probe: `${REF}/workload-resources/pod-v1/#Probe`,
  DaemonSetSpec: `${REF}/workload-resources/daemon-set-v1/#DaemonSetSpec`,
  JobSpec: `${REF}/workload-resources/job-v1/#JobSpec`,
  JobTemplateSpec: `${REF}/workload-resources/cron-job-v1/#CronJobSpec`,
  CronJobSpec: `${REF}/workload-resources/cron-job-v1/#CronJobSpec`,
};

const POD_PAGE = `${REF}/workload-resources/pod-v1/`;
const VOLUME_PAGE = `${REF}/config-and-storage-resources/volume/`;

/** The kubernetes.io API page that documents a field of `typeName`, reached along `segs`. */
export function apiPageFor(kind: WorkloadKind, typeName: string | undefined, path: string): string {
  if (typeName && TYPE_PAGES[typeName]) return TYPE_PAGES[typeName];
  if (/\bvolumes\[/.test(path)) return VOLUME_PAGE;
  if (/\btemplate\.spec\b/.test(path)) return POD_PAGE;
  return docsUrl(kind);
}
