import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../../domain/auth/auth-service.js';
import type { EmailedTokenService } from '../../domain/auth/emailed-token-service.js';
import type { TokenService } from '../../domain/auth/token-service.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { Message, problems } from '../schemas/common.js';
import * as S from '../../domain/auth/auth-schemas.js';

const ctx = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
const tags = ['auth'];
// An API key has no session to end.
const LOGOUT_NEEDS_BEARER = 'Logout needs a bearer token; revoke API keys with DELETE /api/tenants/api-keys/{id}';

/** `/auth/*`: mounted under /api/v1, /api, and at the root for old clients. */
export function authRoutes({ auth, emailedTokens }: { auth: AuthService; emailedTokens: EmailedTokenService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/register',
      {
        schema: {
          tags,
          summary: 'Sign up: creates a tenant owned by the new user',
          description:
            'Password policy: 8–128 characters with an upper-case letter, a lower-case letter and a digit, not a common password, and (unless PASSWORD_REJECT_PERSONAL_INFO=false) not containing the name or the local part of the email. A refused password gives 422 whose `failed_rules` lists each rule broken: min_length, max_length, upper_case, lower_case, digit, not_common, personal_info.email, personal_info.name.',
          body: S.RegisterBody,
          response: { 201: S.RegisterResponse, ...problems(400, 409, 415, 422, 429) },
        },
      },
      async (req, reply) => reply.code(201).send(await auth.register(req.body, ctx(req))),
    );

    app.post(
      '/auth/login',
      {
        schema: {
          tags,
          summary: 'Exchange email and password for a token pair',
          body: S.LoginBody,
          response: { 200: S.LoginResponse, ...problems(400, 401, 403, 422, 429) },
        },
      },
      async (req) => auth.login(req.body, ctx(req)),
    );

    app.post(
      '/auth/refresh',
      {
        schema: {
          tags,
          summary: 'Rotate a refresh token (a reused one revokes every session)',
          body: S.RefreshBody,
          response: { 200: S.TokenPair, ...problems(400, 401, 422) },
        },
      },
      async (req) => auth.refresh(req.body.refresh_token),
    );

    app.post(
      '/auth/logout',
      {
        ...requireRole('viewer', { bearerOnly: LOGOUT_NEEDS_BEARER, essential: true }),
        schema: {
          tags,
          summary: 'Revoke this access token and its refresh family on every node',
          response: { 200: Message, ...problems(401, 403) },
        },
      },
      async (req) => {
        await auth.logout(principalOf(req), ctx(req));
        return { message: 'Logged out: the token and its refresh family are revoked' };
      },
    );

    app.post(
      '/auth/verify',
      {
        schema: {
          tags,
          summary: 'Check a token and return its claims',
          body: S.TokenBody,
          response: { 200: S.VerifyResponse, ...problems(400, 401, 422) },
        },
      },
      async (req) => auth.verify(req.body.token),
    );

    app.get(
      '/auth/me',
      {
        ...requireRole('viewer'),
        schema: { tags, summary: 'The caller: user, tenant, plan and limits', response: { 200: S.MeResponse, ...problems(401, 403, 429) } },
      },
      async (req) => auth.me(principalOf(req)),
    );

    app.post(
      '/auth/password-reset',
      {
        schema: {
          tags,
          summary: 'Email a single-use reset link (same answer whether or not the email exists)',
          body: S.PasswordResetBody,
          response: { 202: Message, ...problems(400, 422) },
        },
      },
      async (req, reply) => {
        await emailedTokens.requestPasswordReset(req.body.email, ctx(req));
        return reply.code(202).send({ message: 'If that address has an account, a reset link is on its way' });
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      {
        schema: {
          tags,
          summary: 'Set a new password with an emailed reset token',
          body: S.PasswordResetConfirmBody,
          response: { 200: Message, ...problems(400, 401, 422) },
        },
      },
      async (req) => {
        await emailedTokens.confirmPasswordReset(req.body.token, req.body.new_password, ctx(req));
        return { message: 'Password changed; every existing session has been ended' };
      },
    );

    app.post(
      '/auth/verify-email',
      {
        schema: {
          tags,
          summary: 'Confirm an email address with the emailed token',
          body: S.TokenBody,
          response: { 200: Message, ...problems(400, 401, 422) },
        },
      },
      async (req) => {
        await emailedTokens.verifyEmail(req.body.token);
        return { message: 'Email address confirmed' };
      },
    );

    app.post(
      '/auth/accept-invitation',
      {
        schema: {
          tags,
          summary: 'Accept an emailed invitation: set a password and sign in',
          body: S.AcceptInvitationBody,
          response: { 200: S.AcceptInvitationResponse, ...problems(400, 401, 422) },
        },
      },
      async (req) => auth.acceptInvitation(req.body, ctx(req)),
    );
  };
}

/** Public signing keys, at the well-known path. */
export function jwksRoutes({ tokens }: { tokens: Pick<TokenService, 'jwks'> }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/.well-known/jwks.json',
      {
        schema: { tags, summary: 'Public JWT signing keys (JWKS)', response: { 200: S.Jwks } },
      },
      async (_req, reply) => {
        reply.header('Cache-Control', 'public, max-age=300');
        return { keys: tokens.jwks().keys.map((key) => ({ ...key })) };
      },
    );
  };
}
