import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { until } from './http-client.js';

interface Mail {
  to: string;
  subject: string;
  text: string;
}

async function mailTo(address: string): Promise<Mail[]> {
  let content = '';
  try {
    content = await readFile(inject('fleet').mailbox, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // A line after the last newline is still being written by the worker.
  return content
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Mail)
    .filter((m) => m.to.toLowerCase() === address.toLowerCase());
}

/**
 * Waits for the worker to deliver a message to `address` whose subject
 * matches, and returns the single-use token it carries. The worker may be
 * restarting (another journey kills it), hence the generous wait.
 */
export async function tokenFromMail(address: string, subject: RegExp, nth = 1): Promise<string> {
  const mails = await until(
    async () => (await mailTo(address)).filter((m) => subject.test(m.subject)),
    (found) => found.length >= nth,
    45_000,
    `mail "${subject.source}" to ${address}`,
  );
  const token = /Or use this token: (\S+)/.exec(mails[nth - 1].text)?.[1];
  if (!token) throw new Error(`no token in the mail to ${address}:\n${mails[nth - 1].text}`);
  return token;
}
