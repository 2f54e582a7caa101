import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SmtpTransport } from '../../../src/platform/mail/smtp-transport.js';

interface Received {
  from: string;
  to: string[];
  data: string;
  auth: string[];
}

/** The smallest SMTP server nodemailer will talk to: enough to see what it sends. */
function fakeSmtpServer(received: Received[], rejectRecipients = false): Promise<Server> {
  const server = createServer((socket: Socket) => {
    let buffer = '';
    let inData = false;
    let current: Received = { from: '', to: [], data: '', auth: [] };
    const reply = (line: string): void => {
      socket.write(`${line}\r\n`);
    };
    reply('220 fake.smtp ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: '', to: [], data: '', auth: [] };
          reply('250 2.0.0 queued as FAKE');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline === -1) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO') reply('250-fake.smtp\r\n250 AUTH PLAIN');
        else if (verb === 'AUTH') {
          current.auth.push(line);
          reply('235 2.7.0 accepted');
        } else if (verb === 'MAIL') {
          current.from = line;
          reply('250 OK');
        } else if (verb === 'RCPT') {
          current.to.push(line);
          reply(rejectRecipients ? '550 5.1.1 no such user' : '250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('250 OK');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('SmtpTransport', () => {
  it('delivers a text and HTML message through an SMTP URL with credentials', async () => {
    const received: Received[] = [];
    server = await fakeSmtpServer(received);
    const { port } = server.address() as AddressInfo;
    const transport = new SmtpTransport({
      url: `smtp://mailer:s3cret@127.0.0.1:${port}`,
      from: 'Catalytic <no-reply@catalytic.test>',
    });
    const sent = await transport.send({
      to: 'ada@example.com',
      subject: 'Hello',
      text: 'plain body',
      html: '<p>html body</p>',
    });
    await transport.close();
    expect(sent.messageId).toMatch(/^<.+>$/);
    expect(received).toHaveLength(1);
    expect(received[0].from).toContain('no-reply@catalytic.test');
    expect(received[0].to[0]).toContain('ada@example.com');
    expect(received[0].auth).toHaveLength(1);
    expect(received[0].data).toContain('Subject: Hello');
    expect(received[0].data).toContain('plain body');
    expect(received[0].data).toContain('<p>html body</p>');
  });

  it('rejects when the relay refuses the recipient', async () => {
    server = await fakeSmtpServer([], true);
    const { port } = server.address() as AddressInfo;
    const transport = new SmtpTransport({ url: `smtp://127.0.0.1:${port}`, from: 'no-reply@catalytic.test' });
    await expect(transport.send({ to: 'nobody@example.com', subject: 's', text: 't' })).rejects.toThrow();
    await transport.close();
  });

  it('rejects when nothing listens', async () => {
    const closed = await fakeSmtpServer([]);
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const transport = new SmtpTransport({
      url: `smtp://127.0.0.1:${port}`,
      from: 'no-reply@catalytic.test',
      timeoutMs: 2000,
    });
    await expect(transport.send({ to: 'a@example.com', subject: 's', text: 't' })).rejects.toThrow();
  });

  it('refuses a URL that is not smtp or smtps', () => {
    expect(() => new SmtpTransport({ url: 'http://mail.example.com', from: 'a@example.com' })).toThrow(/smtp/);
  });
});
