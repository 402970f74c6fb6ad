/**
 * The cluster face: kubeconfig, credentials and HTTP live here and nowhere else. Bundled apart as
 * dist/cluster.js and loaded only when the user turns a cluster feature on (see ../clusterLoader.ts).
 */
export { ClusterClient, type ConnectionInfo, type ServerVersion, type DryRunInput } from './client';
export { ClusterError } from './errors';
export { readKubeconfig, summarize, kubeconfigFiles, type ConnectOptions, type KubeconfigSummary } from './kubeconfig';
export { REQUEST_TIMEOUT_MS } from './http';

import { readKubeconfig, summarize, type KubeconfigSummary } from './kubeconfig';

/** The contexts of a kubeconfig (for a picker); reads files only. */
export function listContexts(kubeconfig?: string): KubeconfigSummary {
  const { kc, files } = readKubeconfig(kubeconfig);
  return summarize(kc, files);
}
