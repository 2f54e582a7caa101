import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MailMessage, MailTransport, SentMail } from './mail-transport.js';

/** A message as the dev mailbox keeps it: one JSON line per message in the file. */
export interface StoredMail extends MailMessage {
  messageId: string;
  /** ISO-8601 UTC. */
  sentAt: string;
}

export interface DevMailboxOptions {
  /** JSON-lines file to append to (e.g. `.catalytic/mailbox.jsonl`); memory only when omitted. */
  path?: string;
  clock?: () => Date;
}

const sameAddress = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The transport used when no SMTP relay is configured. Messages stay in
 * memory for tests in the same process and go to a file for the developer and
 * for tests whose mail was sent by another process (the worker).
 */
export class DevMailbox implements MailTransport {
  readonly path: string | undefined;
  readonly #clock: () => Date;
  readonly #messages: StoredMail[] = [];
  // Appends run one after another so concurrent sends never interleave lines.
  #writes: Promise<void> = Promise.resolve();

  constructor(options: DevMailboxOptions = {}) {
    this.path = options.path;
    this.#clock = options.clock ?? (() => new Date());
  }

  async send(message: MailMessage): Promise<SentMail> {
    const stored: StoredMail = {
      messageId: `<${randomUUID()}@catalytic.dev-mailbox>`,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html === undefined ? {} : { html: message.html }),
      sentAt: this.#clock().toISOString(),
    };
    const path = this.path;
    if (path !== undefined) {
      const write = this.#writes.then(async () => {
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, `${JSON.stringify(stored)}\n`, 'utf8');
      });
      // A failed write must reach this caller, not poison every later send.
      this.#writes = write.catch(() => undefined);
      await write;
    }
    this.#messages.push(stored);
    return { messageId: stored.messageId };
  }

  /** Messages sent through this instance, oldest first; only those to `to` when given (case-insensitive). */
  messages(to?: string): StoredMail[] {
    return this.#messages.filter((message) => to === undefined || sameAddress(message.to, to));
  }

  /** The newest message to `to`, if any. */
  latest(to: string): StoredMail | undefined {
    return this.messages(to).at(-1);
  }

  /** Forgets the in-memory messages (the file is left alone). */
  clear(): void {
    this.#messages.length = 0;
  }

  async close(): Promise<void> {
    await this.#writes;
  }
}

/** Reads a mailbox file written by any process; [] when it does not exist yet. */
export async function readMailboxFile(path: string, to?: string): Promise<StoredMail[]> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // Everything after the last newline is a line still being written by another process.
  return content
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as StoredMail)
    .filter((message) => to === undefined || sameAddress(message.to, to));
}
