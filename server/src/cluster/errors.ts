/** What went wrong talking to a cluster, in one sentence a user can act on (never a credential). */
export class ClusterError extends Error {
  constructor(
    /** kubeconfig | credentials | unreachable | timeout | tls | unauthorized | forbidden | protocol */
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}
