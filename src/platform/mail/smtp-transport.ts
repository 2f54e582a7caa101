import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage, MailTransport, SentMail } from './mail-transport.js';

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://...:465` (TLS from the start). */
  url: string;
  /** Sender address, e.g. `Catalytic <no-reply@example.com>`. */
  from: string;
  /** Limit for connecting, the greeting and each idle wait; the outbox retries on failure. */
  timeoutMs?: number;
}

/** Sends through an SMTP relay with nodemailer, one connection per message. */
export class SmtpTransport implements MailTransport {
  readonly #transporter: Transporter;

  constructor(options: SmtpTransportOptions) {
    if (!/^smtps?:\/\//i.test(options.url)) {
      throw new TypeError('SMTP_URL must start with smtp:// or smtps://');
    }
    // Nodemailer waits minutes by default; a stuck relay must not hold a worker that long.
    const timeout = options.timeoutMs ?? 15_000;
    this.#transporter = createTransport(
      { url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout },
      { from: options.from },
    );
  }

  async send(message: MailMessage): Promise<SentMail> {
    const info = await this.#transporter.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html === undefined ? {} : { html: message.html }),
    });
    return { messageId: String(info.messageId) };
  }

  async close(): Promise<void> {
    this.#transporter.close();
  }
}
