// Stands in for @kubernetes/client-node's generated API clients in dist/cluster.js: the cluster module
// uses only KubeConfig's loading and credential code, never makeApiClient.
export function createConfiguration() {
  throw new Error('generated API clients are not bundled');
}
export class ServerConfiguration {
  constructor() {
    throw new Error('generated API clients are not bundled');
  }
}
