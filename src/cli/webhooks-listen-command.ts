import { parseArgs } from 'node:util';
import { HEADER_LEGACY_SIGNATURE, verifyLegacy, verifyStandard, type VerifyResult } from '../domain/webhooks/webhook-signature.js';
import { formatDelivery, startWebhookListener, type SignatureCheck, type SignatureVerifier } from './webhook-listener.js';

export const LISTEN_USAGE = `Usage: catalytic webhooks listen --port N [--secret S] [--host H] [--status CODE] [--accept-invalid] [--json]

A local receiver for webhook deliveries, for development: an HTTP server that
prints every delivery it receives (event type, webhook-id, webhook-timestamp,
a summary of the body) and whether its Standard Webhooks signature verifies
with the secret the service returned when the webhook was registered.

  --port N          port to listen on (0: any free port, printed at start)
  --secret S        the webhook's secret (whsec_... or the string you chose);
                    without it signatures are not checked
  --host H          address to listen on (default 127.0.0.1)
  --status CODE     answer every delivery with CODE (default 200; 500 shows
                    the retries, 410 disables the endpoint)
  --accept-invalid  answer a delivery whose signature does not verify like any
                    other (by default it gets 401, as a real receiver's would)
  --json            print one JSON object per delivery instead of text

The service refuses loopback targets unless it runs with
WEBHOOK_ALLOW_LOOPBACK=true (see README.md, "Webhooks"). Ctrl-C stops it.`;

function checked(result: VerifyResult): SignatureCheck {
  return result.ok ? { outcome: 'verified' } : { outcome: 'invalid', reason: result.reason };
}

/** Checks deliveries against `secret` exactly as the service signs them (`webhook-signature.ts`). */
export function signatureVerifier(secret: string): SignatureVerifier {
  return {
    standard: (headers, body) => checked(verifyStandard(secret, headers, body)),
    legacy: (headers, body) => {
      const given = headers[HEADER_LEGACY_SIGNATURE];
      return checked(verifyLegacy(secret, Array.isArray(given) ? given.join(' ') : given, body));
    },
  };
}

/** `catalytic webhooks listen`: runs until SIGINT/SIGTERM (-1), or 2 for bad arguments. */
export async function runWebhooksCommand(args: string[]): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`catalytic webhooks: ${message}\n\n${LISTEN_USAGE}\n`);
    return 2;
  };
  if (args[0] === '--help' || args[0] === 'help') {
    process.stdout.write(`${LISTEN_USAGE}\n`);
    return 0;
  }
  if (args[0] !== 'listen') return fail(args[0] ? `unknown subcommand "${args[0]}"` : 'needs a subcommand');
  let values: {
    port?: string;
    secret?: string;
    host?: string;
    status?: string;
    'accept-invalid'?: boolean;
    json?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: args.slice(1),
      options: {
        port: { type: 'string' },
        secret: { type: 'string' },
        host: { type: 'string' },
        status: { type: 'string' },
        'accept-invalid': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    return fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${LISTEN_USAGE}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (values.port === undefined || !/^\d+$/.test(values.port) || port > 65535) return fail('needs --port N (0 to 65535)');
  const status = Number(values.status ?? 200);
  if (!/^\d{3}$/.test(values.status ?? '200') || status < 200 || status > 599) return fail('--status takes an HTTP status, 200 to 599');
  if (values.secret !== undefined && values.secret.length === 0) return fail('--secret must not be empty');
  const json = values.json === true;
  let listener;
  try {
    listener = await startWebhookListener({
      host: values.host ?? '127.0.0.1',
      port,
      verify: values.secret === undefined ? null : signatureVerifier(values.secret),
      status,
      rejectInvalid: values['accept-invalid'] !== true,
      onDelivery: (delivery) => process.stdout.write(json ? `${JSON.stringify(delivery)}\n` : formatDelivery(delivery)),
    });
  } catch (err) {
    process.stderr.write(`catalytic webhooks: cannot listen: ${(err as Error).message}\n`);
    return 1;
  }
  const checking = values.secret === undefined ? 'signatures not checked (no --secret)' : 'checking signatures with the given secret';
  const ready = `Listening for webhook deliveries on ${listener.url}/ (${checking}); Ctrl-C stops.`;
  process.stdout.write(json ? `${JSON.stringify({ listening: listener.url })}\n` : `${ready}\n`);
  const stop = () => {
    void listener.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
