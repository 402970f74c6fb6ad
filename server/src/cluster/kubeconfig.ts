import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
// Only the kubeconfig part of client-node 1.4 (the generated API clients stay out of the bundle).
import { KubeConfig } from '@kubernetes/client-node-1/dist/config.js';
import { ClusterError } from './errors';

/** Where to find the cluster: a kubeconfig path (or several, joined as KUBECONFIG does) and a context. */
export interface ConnectOptions {
  /** Default: $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
  /** Default: the kubeconfig's current-context. */
  context?: string;
}

export interface KubeconfigSummary {
  /** The files read. */
  files: string[];
  contexts: Array<{ name: string; cluster: string; user: string; namespace?: string; server?: string }>;
  currentContext: string;
}

/** The kubeconfig files as kubectl picks them: the given path(s), else $KUBECONFIG, else ~/.kube/config. */
export function kubeconfigFiles(given?: string): string[] {
  const list = (text: string) => text.split(delimiter).map((f) => f.trim()).filter(Boolean);
  if (given && given.trim()) return list(given.replace(/^~(?=$|[\\/])/, homedir()));
  if (process.env.KUBECONFIG && process.env.KUBECONFIG.trim()) return list(process.env.KUBECONFIG);
  return [join(homedir(), '.kube', 'config')];
}

/** Reads and merges the kubeconfig files (the first file's current-context wins, as in kubectl). */
export function readKubeconfig(given?: string): { kc: KubeConfig; files: string[] } {
  const files = kubeconfigFiles(given);
  const existing = files.filter((f) => existsSync(f));
  if (existing.length === 0) throw new ClusterError('kubeconfig', `no kubeconfig found (looked at ${files.join(', ')}); set workloadLens.cluster.kubeconfig or KUBECONFIG`);
  const kc = new KubeConfig();
  existing.forEach((file, i) => {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (error) {
      throw new ClusterError('kubeconfig', `the kubeconfig ${file} cannot be read: ${describeLoadError(error)}`);
    }
    if (i === 0) kc.loadFromOptions({ clusters: one.clusters, users: one.users, contexts: one.contexts, currentContext: one.currentContext });
    else kc.mergeConfig(one, true);
  });
  return { kc, files: existing };
}

function describeLoadError(error: unknown): string {
  const text = String((error as Error)?.message ?? error);
  // js-yaml quotes the offending text; a kubeconfig line may hold a token, so keep only the first line's reason.
  return text.split('\n')[0].replace(/\s*\(\d+:\d+\)$/, '').slice(0, 200);
}

export function summarize(kc: KubeConfig, files: string[]): KubeconfigSummary {
  return {
    files,
    currentContext: kc.getCurrentContext(),
    contexts: kc.getContexts().map((c) => ({ name: c.name, cluster: c.cluster, user: c.user, namespace: c.namespace, server: kc.getCluster(c.cluster)?.server })),
  };
}

/** A kubeconfig narrowed to one context, ready to authenticate requests. */
export interface Target {
  kc: KubeConfig;
  context: string;
  server: string;
  /** The context's namespace, else "default" (as kubectl). */
  namespace: string;
  files: string[];
}

export function selectContext(options: ConnectOptions): Target {
  const { kc, files } = readKubeconfig(options.kubeconfig);
  const context = options.context?.trim() || kc.getCurrentContext();
  if (!context) throw new ClusterError('kubeconfig', `the kubeconfig (${files.join(', ')}) has no current-context; pick one with "Workload Lens: Connect to Cluster…" or --context`);
  const ctx = kc.getContextObject(context);
  if (!ctx) throw new ClusterError('kubeconfig', `context "${context}" is not in the kubeconfig (${files.join(', ')}); it has ${kc.getContexts().map((c) => c.name).join(', ') || 'no contexts'}`);
  kc.setCurrentContext(context);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster?.server) throw new ClusterError('kubeconfig', `context "${context}" names cluster "${ctx.cluster}", which has no server in the kubeconfig`);
  return { kc, context, server: cluster.server.replace(/\/+$/, ''), namespace: ctx.namespace || 'default', files };
}

/**
 * TLS and credentials for one request, from the kubeconfig: CA, client certificate, bearer token or
 * exec credential plugin (run by client-node), proxy-url. Certificates are verified unless the
 * cluster entry sets insecure-skip-tls-verify.
 */
export async function requestOptions(target: Target): Promise<RequestOptions> {
  const opts: RequestOptions = { rejectUnauthorized: true };
  try {
    await target.kc.applyToHTTPSOptions(opts);
  } catch (error) {
    throw new ClusterError('credentials', `the credentials of context "${target.context}" could not be prepared: ${describeLoadError(error)}`);
  }
  return opts;
}
