import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the listener learnt about one signature header. */
export type SignatureCheck = { outcome: 'verified' } | { outcome: 'invalid'; reason: string } | { outcome: 'unchecked' };

/**
 * Checks a delivery's signatures: `standard` the Standard Webhooks headers (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`), `legacy` the old `X-Webhook-Signature`.
 */
export interface SignatureVerifier {
  standard(headers: IncomingHttpHeaders, body: string): SignatureCheck;
  legacy(headers: IncomingHttpHeaders, body: string): SignatureCheck;
}

/** One request the listener received, as it prints it. */
export interface ReceivedDelivery {
  receivedAt: string;
  method: string;
  path: string;
  event: string;
  webhookId: string;
  timestamp: string;
  /** Seconds between `webhook-timestamp` and receipt; null when the header is missing or not a number. */
  ageSeconds: number | null;
  signature: SignatureCheck;
  /** `X-Webhook-Signature: sha256=<hex>`, for old receivers. */
  legacySignature: SignatureCheck;
  bytes: number;
  /** The JSON body's `data` (or the whole body), shortened for one line; the raw text when not JSON. */
  summary: string;
  /** The status the listener answered with. */
  status: number;
}

export interface ListenerOptions {
  host: string;
  port: number;
  /** Null: signatures are reported `unchecked` (no --secret given). */
  verify: SignatureVerifier | null;
  /** Answer every request with this status (e.g. 500 to watch retries, 410 to see the endpoint disabled). */
  status: number;
  /** Answer 401 to a delivery whose signature does not verify, as a real receiver must. */
  rejectInvalid: boolean;
  onDelivery: (delivery: ReceivedDelivery) => void;
}

/** The largest body read; a longer one is answered 413 and reported. */
export const MAX_BODY_BYTES = 1024 * 1024;
const SUMMARY_CHARS = 160;

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > SUMMARY_CHARS ? `${oneLine.slice(0, SUMMARY_CHARS - 1)}…` : oneLine;
}

/** `data` of a Standard Webhooks body when there is one, else the body; the event type from the body when no header names it. */
function describeBody(body: Buffer): { type: string | null; summary: string } {
  const text = body.toString('utf8');
  if (text.length === 0) return { type: null, summary: '(empty body)' };
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const record = parsed as Record<string, unknown>;
      const type = typeof record.type === 'string' ? record.type : typeof record.event === 'string' ? record.event : null;
      return { type, summary: shorten(JSON.stringify(record.data ?? record)) };
    }
    return { type: null, summary: shorten(JSON.stringify(parsed)) };
  } catch {
    return { type: null, summary: shorten(`(not JSON) ${text}`) };
  }
}

/** Reads the body up to MAX_BODY_BYTES; null when it is longer (the rest is drained, not kept). */
function readBody(request: import('node:http').IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** An HTTP server that receives webhook deliveries, checks their signatures and reports each one. */
export async function startWebhookListener(options: ListenerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => {
        const now = Date.now();
        const timestamp = header(request.headers, 'webhook-timestamp');
        const seconds = /^\d+$/.test(timestamp) ? Number(timestamp) : NaN;
        const described = body ? describeBody(body) : { type: null, summary: `(body over ${MAX_BODY_BYTES} bytes, not read)` };
        const text = body?.toString('utf8') ?? '';
        const check = (which: keyof SignatureVerifier): SignatureCheck =>
          !options.verify
            ? { outcome: 'unchecked' }
            : body
              ? options.verify[which](request.headers, text)
              : { outcome: 'invalid', reason: 'body too large to check' };
        const signature = check('standard');
        const legacySignature = check('legacy');
        const status = !body ? 413 : options.rejectInvalid && signature.outcome === 'invalid' ? 401 : options.status;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ received: status < 300 }));
        options.onDelivery({
          receivedAt: new Date(now).toISOString(),
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          event: header(request.headers, 'x-webhook-event') || described.type || '(no event type)',
          webhookId: header(request.headers, 'webhook-id') || '(no webhook-id)',
          timestamp: timestamp || '(no webhook-timestamp)',
          ageSeconds: Number.isFinite(seconds) ? Math.floor(now / 1000) - seconds : null,
          signature,
          legacySignature,
          bytes: body?.length ?? MAX_BODY_BYTES,
          summary: described.summary,
          status,
        });
      },
      () => response.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One delivery as one line of the listener's output (two with the summary). */
function describeCheck(check: SignatureCheck): string {
  return check.outcome === 'verified'
    ? 'verified'
    : check.outcome === 'invalid'
      ? `INVALID (${check.reason})`
      : 'not checked (no --secret)';
}

export function formatDelivery(d: ReceivedDelivery): string {
  const signature = `signature ${describeCheck(d.signature)}`;
  const age = d.ageSeconds === null ? '' : ` (${d.ageSeconds} s old)`;
  return (
    `${d.receivedAt}  ${d.method} ${d.path}  ${d.event}  webhook-id=${d.webhookId}  ` +
    `webhook-timestamp=${d.timestamp}${age}  ${signature}  → ${d.status}\n` +
    `    legacy X-Webhook-Signature ${describeCheck(d.legacySignature)}; ${d.bytes} bytes: ${d.summary}\n`
  );
}
