import * as http from 'node:http';
import * as https from 'node:https';
import { ClusterError } from './errors';
import { requestOptions, type Target } from './kubeconfig';

/** Every request gives up after this long: a cluster that does not answer is one clear message, never a hang. */
export const REQUEST_TIMEOUT_MS = 5000;

export interface Answer {
  status: number;
  /** The JSON body (a Status on failure), or the raw text when it is not JSON. */
  body: unknown;
  /** The server's Warning headers, their text only. */
  warnings: string[];
}

/** One request to the API server of the target. Throws ClusterError when no HTTP answer comes back. */
export async function call(target: Target, method: string, path: string, body?: unknown, contentType = 'application/json', timeoutMs = REQUEST_TIMEOUT_MS): Promise<Answer> {
  const started = Date.now();
  // An exec credential plugin may wait forever (a login prompt): the deadline covers it too.
  const options = await within(requestOptions(target), timeoutMs, () => new ClusterError('timeout', `the credential plugin of context "${target.context}" gave no credentials within ${Math.round(timeoutMs / 1000)} s`));
  const url = new URL(target.server + path);
  const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const headers: Record<string, string | string[] | number> = {
    ...(options.headers as Record<string, string>),
    Accept: 'application/json',
    'User-Agent': 'workload-lens/0.1.0',
  };
  if (payload) {
    headers['Content-Type'] = contentType;
    headers['Content-Length'] = payload.length;
  }
  const left = Math.max(1, timeoutMs - (Date.now() - started));
  const send = url.protocol === 'http:' ? http.request : https.request;
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const fail = (error: ClusterError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = send(url, { method, agent: options.agent, headers, auth: options.auth }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => fail(networkError(target, e)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, warnings: parseWarnings(res.headers.warning) });
      });
    });
    const timer = setTimeout(() => fail(new ClusterError('timeout', `no answer from the API server at ${target.server} (context "${target.context}") within ${Math.round(timeoutMs / 1000)} s`)), left);
    req.on('error', (e) => fail(networkError(target, e)));
    if (payload) req.write(payload);
    req.end();
  });
}

function within<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function networkError(target: Target, error: Error & { code?: string }): ClusterError {
  const where = `the API server at ${target.server} (context "${target.context}")`;
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return new ClusterError('unreachable', `cannot reach ${where}: connection refused (is the cluster running?)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ClusterError('unreachable', `cannot reach ${where}: host not found`);
  if (code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') return new ClusterError('unreachable', `cannot reach ${where}: ${code}`);
  if (/CERT|SELF_SIGNED|SSL|TLS|UNABLE_TO_/.test(code) || /certificate/i.test(error.message)) return new ClusterError('tls', `TLS with ${where} failed: ${error.message} (the kubeconfig's certificate-authority does not vouch for this server)`);
  return new ClusterError('unreachable', `cannot reach ${where}: ${error.message}`);
}

/** RFC 7234 Warning headers as the API server writes them: `299 - "text"`. */
export function parseWarnings(header: string | string[] | undefined): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const line of Array.isArray(header) ? header : [header]) {
    const re = /\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/g;
    let m: RegExpExecArray | null;
    let any = false;
    while ((m = re.exec(line))) {
      any = true;
      out.push(m[1].replace(/\\(.)/g, '$1'));
    }
    if (!any && line.trim()) out.push(line.trim());
  }
  return out;
}
