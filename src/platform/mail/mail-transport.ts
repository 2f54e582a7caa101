/** One e-mail as the outbox worker hands it to a transport. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface SentMail {
  messageId: string;
}

/**
 * Where mail goes: SMTP in production, the dev mailbox on a laptop and in
 * tests. Chosen once at start-up; callers never know which one they hold.
 * `send` rejects when the message was not accepted, so the outbox retries it.
 */
export interface MailTransport {
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}
