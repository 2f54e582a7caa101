import { describe, expect, it } from 'vitest';
import { emailVerificationMail, invitationMail, passwordResetMail } from '../../../src/platform/mail/mail-templates.js';

const TOKEN = 'rst_AbC-123_xyz';

describe('mail templates', () => {
  it('password reset carries the link with the token, the token and the expiry', () => {
    const mail = passwordResetMail({
      to: 'ada@example.com',
      name: 'Ada',
      url: 'https://app.example.com/reset-password',
      token: TOKEN,
      expiresInMinutes: 60,
    });
    expect(mail.to).toBe('ada@example.com');
    expect(mail.subject).toBe('Reset your Catalytic password');
    expect(mail.text).toContain(`https://app.example.com/reset-password?token=${TOKEN}`);
    expect(mail.text).toContain(`Or use this token: ${TOKEN}`);
    expect(mail.text).toContain('60 minutes');
    expect(mail.text.startsWith('Hello Ada,')).toBe(true);
    expect(mail.html).toContain(`href="https://app.example.com/reset-password?token=${TOKEN}"`);
  });

  it('email verification keeps existing query parameters and escapes the token in the URL', () => {
    const mail = emailVerificationMail({
      to: 'ada@example.com',
      url: 'http://localhost:3000/verify?lang=en',
      token: 'a b&c',
    });
    expect(mail.text).toContain('http://localhost:3000/verify?lang=en&token=a+b%26c');
    expect(mail.text.startsWith('Hello,')).toBe(true);
    expect(mail.html).toContain('<code>a b&#38;c</code>');
  });

  it('invitation names the tenant, inviter and role, and escapes them in HTML', () => {
    const mail = invitationMail({
      to: 'bob@example.com',
      inviterName: 'Eve <script>',
      tenantName: 'Acme\r\nBcc: victim@example.com',
      role: 'member',
      url: 'https://app.example.com/invitations/accept',
      token: TOKEN,
      expiresInDays: 7,
    });
    expect(mail.subject).toBe('You are invited to join Acme Bcc: victim@example.com on Catalytic');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain('Eve <script> has invited you to join Acme Bcc: victim@example.com on Catalytic as member.');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Eve &#60;script&#62;');
    expect(mail.text).toContain('7 days');
  });

  it('refuses links that are not http or https', () => {
    expect(() => passwordResetMail({ to: 'a@example.com', url: 'javascript:alert(1)', token: TOKEN, expiresInMinutes: 60 })).toThrow(
      /http/,
    );
    expect(() => passwordResetMail({ to: 'a@example.com', url: 'not a url', token: TOKEN, expiresInMinutes: 60 })).toThrow();
  });
});
