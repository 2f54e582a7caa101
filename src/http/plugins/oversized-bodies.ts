import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';

export interface OversizedBodyOptions {
  /** Largest body accepted (BODY_LIMIT_BYTES). */
  bodyLimit: number;
  /** Bytes of a refused body read and discarded before the connection closes (BODY_DRAIN_LIMIT_BYTES). */
  drainLimit: number;
}

/** Reads and discards the rest of a request body; resolves when it ended, or when more than `cap` bytes came (reading then stops). */
function discardBody(raw: IncomingMessage, cap: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen <= cap) return;
      // The client sends more than we will read: stop, and let the connection close after the answer.
      raw.pause();
      finish();
    };
    raw.on('data', onData);
    raw.once('end', finish);
    raw.once('error', finish);
    raw.once('close', finish);
    raw.resume();
  });
}

/**
 * Request bodies over the limit, answered so that a client still sending
 * reads the answer. A body announced too large (Content-Length) gets its 413
 * before any other hook runs; a chunked body gets it from the body parser
 * once the limit is passed. Closing the connection with the body still
 * arriving would make the kernel reset it, and a client busy writing would
 * see a broken pipe instead of the 413: so the 413 (headers and body, with
 * its length) goes out at once, the rest of the body is read and discarded up
 * to `drainLimit` bytes, and only then does the response end and HTTP/1.1
 * close the connection. HTTP/2 ends just the stream and needs none of this.
 */
export const oversizedBodies = fp(
  async (app: FastifyInstance, opts: OversizedBodyOptions) => {
    app.addHook('onRequest', async (request) => {
      const length = Number(request.headers['content-length']);
      if (length > opts.bodyLimit) {
        throw new AppError('payload_too_large', `The request body (${length} bytes) is larger than the limit of ${opts.bodyLimit} bytes`, {
          fields: { limit_bytes: opts.bodyLimit },
        });
      }
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const raw = request.raw;
      if (reply.statusCode !== 413 || raw.httpVersionMajor !== 1 || raw.complete || raw.readableEnded) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const bytes = Buffer.from(payload);
      reply.header('Content-Length', String(bytes.length));
      reply.header('Connection', 'close');
      // The answer is complete for the client as soon as its bytes arrive; the stream ends when the body has been drained.
      const held = new Readable({ read() {} });
      held.push(bytes);
      void discardBody(raw, opts.drainLimit).then(() => held.push(null));
      return held;
    });
  },
  { name: 'oversized-bodies' },
);
