import type { ComponentType } from 'preact';
import { ApiKeysPage } from '../pages/api-keys-page';
import { AuditPage } from '../pages/audit-page';
import { JobsPage } from '../pages/jobs-page';
import { LatticeCreatePage } from '../pages/lattice-create-page';
import { LatticePage } from '../pages/lattice-page';
import { LatticesPage } from '../pages/lattices-page';
import { LoginPage } from '../pages/login-page';
import { MembersPage } from '../pages/members-page';
import { SignupPage } from '../pages/signup-page';
import { AcceptInvitationPage, NotFoundPage, ResetPasswordPage, VerifyEmailPage } from '../pages/token-pages';
import { UsagePage } from '../pages/usage-page';
import { WebhookPage } from '../pages/webhook-page';
import { WebhooksPage } from '../pages/webhooks-page';
import type { Role } from '../session/account';
import { matchPath } from './match-path';

/*
 * Every page of the console is one entry here: where it lives, who may see
 * it and whether it is in the navigation. The router and the navigation are
 * built from this table, so a new page (webhooks, say) is this entry plus
 * its page component.
 */

export interface RouteDef {
  /** Under /console; `:name` segments become params. */
  path: string;
  title: string;
  page: ComponentType<{ params: Record<string, string> }>;
  /** signed-out: only without a session (log in, sign up); public: either way. */
  access: 'public' | 'signed-in' | 'signed-out';
  nav?: { label: string; minRole?: Role };
}

export const ROUTES: RouteDef[] = [
  { path: '/login', title: 'Log in', page: LoginPage, access: 'signed-out' },
  { path: '/signup', title: 'Sign up', page: SignupPage, access: 'signed-out' },
  { path: '/accept-invitation', title: 'Join your organisation', page: AcceptInvitationPage, access: 'public' },
  { path: '/reset-password', title: 'Reset your password', page: ResetPasswordPage, access: 'public' },
  { path: '/verify-email', title: 'Email address', page: VerifyEmailPage, access: 'public' },
  { path: '/lattices', title: 'Lattices', page: LatticesPage, access: 'signed-in', nav: { label: 'Lattices' } },
  { path: '/lattices/new', title: 'New lattice', page: LatticeCreatePage, access: 'signed-in' },
  { path: '/lattices/:id', title: 'Lattice', page: LatticePage, access: 'signed-in' },
  { path: '/jobs', title: 'Jobs', page: JobsPage, access: 'signed-in', nav: { label: 'Jobs' } },
  { path: '/api-keys', title: 'API keys', page: ApiKeysPage, access: 'signed-in', nav: { label: 'API keys' } },
  { path: '/members', title: 'Members', page: MembersPage, access: 'signed-in', nav: { label: 'Members' } },
  { path: '/webhooks', title: 'Webhooks', page: WebhooksPage, access: 'signed-in', nav: { label: 'Webhooks' } },
  { path: '/webhooks/:id', title: 'Webhook endpoint', page: WebhookPage, access: 'signed-in' },
  { path: '/usage', title: 'Usage and plan', page: UsagePage, access: 'signed-in', nav: { label: 'Usage' } },
  { path: '/audit', title: 'Audit log', page: AuditPage, access: 'signed-in', nav: { label: 'Audit log', minRole: 'admin' } },
];

export const NOT_FOUND: RouteDef = { path: '', title: 'Page not found', page: NotFoundPage, access: 'public' };

/** The route for a console path, with its params; literal segments win over params (/lattices/new). */
export function resolve(path: string): { route: RouteDef; params: Record<string, string> } {
  const ranked = [...ROUTES].sort((a, b) => Number(a.path.includes(':')) - Number(b.path.includes(':')));
  for (const route of ranked) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return { route: NOT_FOUND, params: {} };
}
