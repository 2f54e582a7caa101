import net from 'node:net';
import { freePort } from './free-port.js';
import { startTool } from './tool-process.js';

export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
}

/** Whether a Redis server answers PING at `url` within a second. */
export function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString('utf8').startsWith('+PONG')));
  });
}

/**
 * A `redis-server` of its own on a free loopback port, saving nothing to
 * disk: for runs that must not share (or cannot find) the machine's Redis.
 * Fails loudly when redis-server is not installed; CI installs it.
 */
export async function startRedisServer(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const tool = await startTool('redis-server', args, () => redisReachable(url), 15_000);
  return { url, stop: () => tool.stop() };
}
