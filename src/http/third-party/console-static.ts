import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';

export interface ConsoleStaticOptions {
  /** The console's build output (index.html and assets/); unset: console/dist of this package. */
  dir?: string;
}

/** Where `npm ci` (the prepare script) builds the console. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

// Pages the account mails link to (PUBLIC_URL + page + ?token=); the console is what answers them.
const MAIL_PAGES = ['/accept-invitation', '/reset-password', '/verify-email'];

/**
 * Serves the web console at /console: hashed assets with a year-long
 * immutable cache (precompressed copies when the client takes them), and
 * index.html, never cached, for /console and every deep link under it so the
 * client-side router can take over. Without a build it answers 503 rather
 * than a bare 404, saying how to build it.
 */
export const consoleStatic = fp(
  async (app: FastifyInstance, opts: ConsoleStaticOptions) => {
    const dir = path.resolve(opts.dir ?? DEFAULT_CONSOLE_DIR);
    const indexFile = path.join(dir, 'index.html');

    await app.register(fastifyStatic, {
      root: path.join(dir, 'assets'),
      prefix: '/console/assets/',
      decorateReply: false,
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
      // A missing build is reported by the index route; an asset request then simply 404s.
      suppressWarning: true,
    });

    const page = async (_request: FastifyRequest, reply: FastifyReply) => {
      // Read per request (about a kilobyte): a rebuild while the server runs is served at once.
      const index = await readFile(indexFile).catch(() => null);
      if (index === null) {
        throw new AppError('service_unavailable', 'The web console is not built: run `npm run build:console` (npm ci runs it).');
      }
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(index);
    };
    const hidden = { schema: { hide: true } };
    app.get('/console', hidden, page);
    app.get('/console/*', hidden, page);

    for (const mailPage of MAIL_PAGES) {
      app.get(mailPage, hidden, async (request, reply) => {
        const query = request.url.indexOf('?');
        return reply.redirect(`/console${mailPage}${query >= 0 ? request.url.slice(query) : ''}`, 302);
      });
    }
  },
  { name: 'console-static' },
);
