import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { addressProblem, guardedLookup, SsrfRefused, urlHost, type SsrfPolicy } from './ssrf-guard.js';

/**
 * One outgoing POST for webhook delivery: the connection goes only to an
 * address the SSRF guard checked (its `lookup` is the socket's), redirects
 * are not followed (a 3xx is just a non-2xx answer), the whole exchange is
 * bounded by `timeoutMs`, and at most a few KiB of the answer are read.
 */

export type PostOutcome =
  | { kind: 'response'; status: number; retryAfter: string | null; durationMs: number }
  | { kind: 'timeout'; durationMs: number }
  | { kind: 'network_error'; error: string; durationMs: number }
  | { kind: 'blocked'; reason: string; durationMs: number };

export interface PostOptions {
  timeoutMs: number;
  policy: SsrfPolicy;
  /** Aborts the exchange (the process is stopping); it ends as a network error `aborted`. */
  signal?: AbortSignal;
}

const MAX_ANSWER_BYTES = 8 * 1024;

// No per-origin socket cap: the dispatcher bounds attempts per endpoint and in all, and a cap per origin would let one
// hanging endpoint hold the sockets another endpoint on the same host needs.
const agentOptions = { keepAlive: true, maxFreeSockets: 16, timeout: 30_000 };
const httpAgent = new http.Agent(agentOptions);
const httpsAgent = new https.Agent(agentOptions);

export function postJson(target: string, headers: Record<string, string>, body: string, opts: PostOptions): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return Promise.resolve({ kind: 'blocked', reason: 'not a URL', durationMs: 0 });
  }
  const host = urlHost(url);
  if (isIP(host) !== 0) {
    const problem = addressProblem(host, opts.policy);
    if (problem !== null) return Promise.resolve({ kind: 'blocked', reason: `${host} is ${problem}`, durationMs: 0 });
  }
  const secure = url.protocol === 'https:';
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const done = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', abort);
      resolve(outcome);
    };
    const req = (secure ? https : http).request(
      url,
      {
        method: 'POST',
        agent: secure ? httpsAgent : httpAgent,
        lookup: guardedLookup(opts.policy) as unknown as typeof import('node:dns').lookup,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        const answer = () => {
          const retryAfter = res.headers['retry-after'];
          done({ kind: 'response', status: res.statusCode ?? 0, retryAfter: retryAfter ?? null, durationMs: elapsed() });
        };
        res.on('end', answer);
        res.on('close', answer);
        res.on('error', answer);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done({ kind: 'timeout', durationMs: elapsed() });
    }, opts.timeoutMs);
    function abort() {
      req.destroy();
      done({ kind: 'network_error', error: 'aborted', durationMs: elapsed() });
    }
    if (opts.signal?.aborted) abort();
    else opts.signal?.addEventListener('abort', abort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const cause = err.code === 'ESSRF' || err instanceof SsrfRefused ? err : null;
      if (cause) done({ kind: 'blocked', reason: cause.message, durationMs: elapsed() });
      else done({ kind: 'network_error', error: err.code ?? err.message, durationMs: elapsed() });
    });
    req.end(body);
  });
}
