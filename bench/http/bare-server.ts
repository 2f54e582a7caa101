/**
 * Peer (a) of the HTTP bench: a bare Fastify 5 route returning a small JSON
 * object, no plugins, no logger. It is the floor every other scenario is
 * compared with: what HTTP parsing and JSON serialisation alone cost here.
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 0);
const app = Fastify({ logger: false });

app.get('/bare', async () => ({ ok: true, service: 'bare', n: 42 }));

await app.listen({ host: '127.0.0.1', port });
process.stdout.write(`${JSON.stringify({ ready: true, port: (app.server.address() as { port: number }).port })}\n`);

const stop = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
