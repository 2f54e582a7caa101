import type { MailMessage } from './mail-transport.js';

/**
 * The account e-mails, as plain text plus minimal HTML. Each carries the
 * single-use token twice: inside the link for people, and on its own for API
 * clients that post it to the confirm route. Nothing else secret goes in.
 */

const PRODUCT = 'Catalytic';

export interface PasswordResetMailInput {
  to: string;
  name?: string;
  /** Page that takes the token, e.g. `https://app.example.com/reset-password`; `?token=` is appended. */
  url: string;
  token: string;
  expiresInMinutes: number;
}

export interface EmailVerificationMailInput {
  to: string;
  name?: string;
  url: string;
  token: string;
}

export interface InvitationMailInput {
  to: string;
  inviterName?: string;
  tenantName: string;
  role: string;
  url: string;
  token: string;
  expiresInDays: number;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// User-chosen names end up in the subject header and the first line; control
// characters there could forge headers or reshape the message.
function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .trim()
    .slice(0, 200);
}

/** The action link: the configured page plus the token, refusing anything but http(s). */
function actionLink(base: string, token: string): string {
  const url = new URL(base);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('Mail links must be http or https URLs');
  }
  url.searchParams.set('token', token);
  return url.toString();
}

interface Body {
  greeting: string;
  lead: string;
  action: string;
  link: string;
  token: string;
  after: string[];
}

function render(to: string, subject: string, body: Body): MailMessage {
  const text = [
    body.greeting,
    '',
    body.lead,
    '',
    `${body.action}: ${body.link}`,
    '',
    `Or use this token: ${body.token}`,
    '',
    ...body.after,
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${escapeHtml(body.greeting)}</p>`,
    `<p>${escapeHtml(body.lead)}</p>`,
    `<p><a href="${escapeHtml(body.link)}">${escapeHtml(body.action)}</a></p>`,
    `<p>Or use this token: <code>${escapeHtml(body.token)}</code></p>`,
    ...body.after.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p>— ${PRODUCT}</p>`,
    '</body></html>',
  ].join('\n');
  return { to, subject: oneLine(subject), text, html };
}

const greet = (name: string | undefined): string => (name === undefined || oneLine(name) === '' ? 'Hello,' : `Hello ${oneLine(name)},`);

export function passwordResetMail(input: PasswordResetMailInput): MailMessage {
  return render(input.to, `Reset your ${PRODUCT} password`, {
    greeting: greet(input.name),
    lead: `Someone asked to reset the password of your ${PRODUCT} account.`,
    action: 'Choose a new password',
    link: actionLink(input.url, input.token),
    token: input.token,
    after: [
      `The link works once and expires in ${input.expiresInMinutes} minutes.`,
      'If you did not ask for this, ignore this message: your password stays as it is.',
    ],
  });
}

export function emailVerificationMail(input: EmailVerificationMailInput): MailMessage {
  return render(input.to, `Confirm your e-mail address for ${PRODUCT}`, {
    greeting: greet(input.name),
    lead: `Please confirm that ${oneLine(input.to)} is your e-mail address.`,
    action: 'Confirm e-mail address',
    link: actionLink(input.url, input.token),
    token: input.token,
    after: [`If you did not create a ${PRODUCT} account, ignore this message.`],
  });
}

export function invitationMail(input: InvitationMailInput): MailMessage {
  const tenant = oneLine(input.tenantName);
  const inviter = input.inviterName === undefined ? '' : oneLine(input.inviterName);
  return render(input.to, `You are invited to join ${tenant} on ${PRODUCT}`, {
    greeting: 'Hello,',
    lead: `${inviter === '' ? 'You have been' : `${inviter} has`} invited you to join ${tenant} on ${PRODUCT} as ${oneLine(input.role)}.`,
    action: 'Accept the invitation',
    link: actionLink(input.url, input.token),
    token: input.token,
    after: [`The invitation works once and expires in ${input.expiresInDays} days.`, 'If you were not expecting it, ignore this message.'],
  });
}
