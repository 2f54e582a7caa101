import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DevMailbox, readMailboxFile } from '../../../src/platform/mail/dev-mailbox.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'catalytic-mailbox-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DevMailbox', () => {
  it('keeps messages in memory, filtered by recipient', async () => {
    const mailbox = new DevMailbox({ clock: () => new Date('2025-01-01T00:00:00Z') });
    const first = await mailbox.send({ to: 'ada@example.com', subject: 'one', text: 'first' });
    await mailbox.send({ to: 'bob@example.com', subject: 'two', text: 'second', html: '<p>second</p>' });
    await mailbox.send({ to: 'ADA@example.com', subject: 'three', text: 'third' });
    expect(first.messageId).toMatch(/^<.+@catalytic\.dev-mailbox>$/);
    expect(mailbox.messages()).toHaveLength(3);
    expect(mailbox.messages('ada@example.com').map((m) => m.subject)).toEqual(['one', 'three']);
    expect(mailbox.latest('Ada@Example.com')?.subject).toBe('three');
    expect(mailbox.latest('bob@example.com')).toMatchObject({
      html: '<p>second</p>',
      sentAt: '2025-01-01T00:00:00.000Z',
    });
    expect(mailbox.latest('nobody@example.com')).toBeUndefined();
    mailbox.clear();
    expect(mailbox.messages()).toEqual([]);
  });

  it('appends one JSON line per message, creating the directory', async () => {
    const path = join(dir, 'nested', '.catalytic', 'mailbox.jsonl');
    const mailbox = new DevMailbox({ path });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => mailbox.send({ to: `user${i % 5}@example.com`, subject: `s${i}`, text: 'x'.repeat(5000) })),
    );
    await mailbox.close();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(50);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(await readMailboxFile(path)).toHaveLength(50);
    expect(await readMailboxFile(path, 'USER3@example.com')).toHaveLength(10);
  });

  it('lets another instance (another process) read what was sent', async () => {
    const path = join(dir, 'mailbox.jsonl');
    await new DevMailbox({ path }).send({ to: 'ada@example.com', subject: 'Reset', text: 'token abc' });
    const [message] = await readMailboxFile(path, 'ada@example.com');
    expect(message).toMatchObject({ to: 'ada@example.com', subject: 'Reset', text: 'token abc' });
  });

  it('reads a missing file as empty and ignores a line still being written', async () => {
    expect(await readMailboxFile(join(dir, 'absent.jsonl'))).toEqual([]);
    const path = join(dir, 'partial.jsonl');
    await writeFile(path, '{"to":"a@example.com","subject":"s","text":"t","messageId":"m","sentAt":"x"}\n{"to":"b@ex');
    expect(await readMailboxFile(path)).toHaveLength(1);
  });

  it('rejects a send whose file cannot be written, and keeps working afterwards', async () => {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'not a directory');
    const broken = new DevMailbox({ path: join(blocker, 'mailbox.jsonl') });
    await expect(broken.send({ to: 'a@example.com', subject: 's', text: 't' })).rejects.toThrow();
    expect(broken.messages()).toEqual([]);
    await expect(broken.close()).resolves.toBeUndefined();
  });
});
