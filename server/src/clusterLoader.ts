import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type ClusterModule = typeof import('./cluster/index');

let loaded: ClusterModule | undefined;

/**
 * The cluster module, loaded on first use: from dist/cluster.js beside the bundle (so the offline
 * server and CLI never load the kubeconfig and HTTP code), or from the sources when run by tsx.
 */
export function loadCluster(): ClusterModule {
  if (loaded) return loaded;
  const bundled = join(__dirname, 'cluster.js');
  const path = existsSync(bundled) && __filename.endsWith('.js') ? bundled : join(__dirname, 'cluster', 'index');
  // A computed path: esbuild leaves this require alone, so cluster.js stays a separate bundle.
  loaded = require(path) as ClusterModule;
  return loaded;
}

/** Whether a cluster feature ran in this process (the CLI then does not wait for a stuck credential plugin). */
export function clusterLoaded(): boolean {
  return loaded !== undefined;
}
