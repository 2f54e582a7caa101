/**
 * A server shutting down can accept a connection and terminate it in the same
 * packet: authentication done, ready for a query, then FATAL 57P01. The
 * termination is parsed before the code that asked for the connection runs
 * again, so the client must already have an error listener by then; without
 * one the error event is uncaught and takes the whole process down. The
 * caller gets 503's typed error instead.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/platform/database.js';
import { DatabaseUnavailable } from '../../src/platform/database-errors.js';

/** One backend message: its type byte, then its length (which counts itself) and body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

const AUTHENTICATION_OK = message('R', int32(0));
const READY_FOR_QUERY = message('Z', Buffer.from('I'));
const TERMINATING = message(
  'E',
  Buffer.concat([
    Buffer.from('SFATAL\0', 'latin1'),
    Buffer.from('C57P01\0', 'latin1'),
    Buffer.from('Mterminating connection due to administrator command\0', 'latin1'),
    Buffer.from([0]),
  ]),
);

let server: Server;
const sockets = new Set<Socket>();
let url: string;

beforeAll(async () => {
  // A PostgreSQL that is shutting down: it reads the start-up message, then answers all three in one write.
  server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => {
      socket.write(Buffer.concat([AUTHENTICATION_OK, READY_FOR_QUERY, TERMINATING]));
      socket.end();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `postgres://postgres@127.0.0.1:${(server.address() as AddressInfo).port}/catalytic?sslmode=disable`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('a connection terminated as soon as it is made', () => {
  it('fails the statement as unavailable (503), and is not an uncaught error', async () => {
    const uncaught: unknown[] = [];
    const record = (err: unknown) => uncaught.push(err);
    process.prependListener('uncaughtException', record);
    const db = new Database(url, 2);
    try {
      for (let i = 0; i < 5; i++) {
        await expect(db.systemQuery('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailable);
      }
      await expect(db.tenantRead('0190a1b2-0000-7000-8000-000000000001', (q) => q.query('SELECT 1'))).rejects.toBeInstanceOf(
        DatabaseUnavailable,
      );
      // Any late event has had its turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(uncaught).toEqual([]);
    } finally {
      process.removeListener('uncaughtException', record);
      await db.close();
    }
  });
});
