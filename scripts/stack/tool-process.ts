import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ToolProcess {
  stop(): Promise<void>;
}

/**
 * Starts a system tool (redis-server, haproxy) in the foreground and resolves
 * once `ready()` holds; fails loudly, with the tool's stderr, when it is not
 * installed, exits, or is not ready within `timeoutMs`.
 */
export async function startTool(command: string, args: string[], ready: () => Promise<boolean>, timeoutMs: number): Promise<ToolProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  let failure: Error | undefined;
  child.once('error', (err) => (failure = new Error(`${command} could not start (is it installed?): ${err.message}`)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (failure) throw failure;
    if (child.exitCode !== null) throw new Error(`${command} exited with code ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${command} was not ready within ${timeoutMs} ms: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
