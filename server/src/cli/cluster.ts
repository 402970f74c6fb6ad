import { loadCluster } from '../clusterLoader';
import { UsageError } from './io';

/** The cluster named by --kubeconfig/--context (defaults: KUBECONFIG or ~/.kube/config, its current context). */
export function openCluster(flags: Record<string, string | boolean>): import('../cluster/client').ClusterClient {
  for (const name of ['kubeconfig', 'context']) if (flags[name] === true || flags[name] === '') throw new UsageError(`--${name} needs a value`);
  const cluster = loadCluster();
  try {
    return cluster.ClusterClient.open({ kubeconfig: flags.kubeconfig as string | undefined, context: flags.context as string | undefined });
  } catch (error) {
    if (error instanceof cluster.ClusterError) throw new UsageError(error.message);
    throw error;
  }
}
