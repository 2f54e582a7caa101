import net from 'node:net';

/**
 * A TCP port on the loopback that the OS had free a moment ago. Never a fixed
 * port: other runs share this machine.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
