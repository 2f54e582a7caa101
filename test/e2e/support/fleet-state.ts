import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { type MemberState, readFleetState } from '../../../scripts/stack/fleet.js';
import { until } from './http-client.js';

/** A member of the fleet as its supervisor last recorded it (pid, starts, readiness). */
export async function member(name: string): Promise<MemberState> {
  return (await readFleetState(inject('fleet').dir)).members[name];
}

/** Waits until the supervisor has started `name` again after `previous` and it is ready. */
export function restarted(name: string, previous: MemberState, timeoutMs = 90_000): Promise<MemberState> {
  return until(
    () => member(name),
    (m) => m.starts > previous.starts && m.ready,
    timeoutMs,
    `${name} started again`,
  );
}

/** The end of a member's log, for failure messages. */
export async function logTail(name: string, chars = 3_000): Promise<string> {
  const text = await readFile((await member(name)).log, 'utf8').catch(() => '');
  return text.slice(-chars);
}
