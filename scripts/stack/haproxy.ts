import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startTool } from './tool-process.js';

export interface Balancer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The configuration: round robin over the APIs with keep-alive on both sides,
 * taking an API out while its /health/ready fails (draining, restarting).
 */
export function haproxyConfig(port: number, backends: string[]): string {
  const servers = backends.map((url, i) => {
    const { hostname, port: p } = new URL(url);
    return `  server api-${i + 1} ${hostname}:${p} check inter 1s fall 2 rise 1`;
  });
  return [
    'global',
    '  maxconn 5000',
    'defaults',
    '  mode http',
    '  timeout connect 5s',
    '  timeout client 130s',
    '  timeout server 130s',
    '  option http-keep-alive',
    '  http-reuse always',
    'frontend catalytic',
    `  bind 127.0.0.1:${port}`,
    '  default_backend apis',
    'backend apis',
    '  balance roundrobin',
    '  option httpchk GET /health/ready',
    ...servers,
    '',
  ].join('\n');
}

/** Starts `haproxy` in the foreground on loopback `port` in front of `backends`; fails loudly when it is missing. */
export async function startHaproxy(dir: string, backends: string[], port: number): Promise<Balancer> {
  const file = path.join(dir, 'haproxy.cfg');
  await writeFile(file, haproxyConfig(port, backends));
  const url = `http://127.0.0.1:${port}`;
  const reachesAnApi = async () => {
    const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    await res?.arrayBuffer();
    return res?.status === 200;
  };
  const tool = await startTool('haproxy', ['-db', '-f', file], reachesAnApi, 20_000);
  return { url, stop: () => tool.stop() };
}
