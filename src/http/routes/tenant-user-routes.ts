import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { UserAdminService } from '../../domain/tenants/user-admin-service.js';
import { callerOf } from '../caller.js';
import { pagedResponse, pageRequest, sendPage } from '../pagination.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { IdParams, problems } from '../schemas/common.js';
import { Pagination } from '../schemas/query-schemas.js';
import { InviteBody, UserList, UserPatchBody, UserSchema } from '../../domain/tenants/tenant-schemas.js';

const tags = ['tenants'];

/** Users of the caller's tenant: list, invite, change, remove. */
export function tenantUserRoutes(deps: { users: UserAdminService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/tenants/users',
      {
        ...requireRole('viewer'),
        schema: {
          tags,
          summary: "The tenant's users",
          description:
            'Oldest first, paginated. Admins and owners see every user, invited and deactivated included; members and viewers see the active users only.',
          querystring: Pagination,
          response: { 200: pagedResponse(UserList, 'A page of users, oldest first'), ...problems(401, 403, 422, 429) },
        },
      },
      async (request, reply) => sendPage(request, reply, await deps.users.list(principalOf(request), pageRequest(request.query))),
    );

    app.post(
      '/tenants/users',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Invite a user by email (admin)',
          description:
            'Creates the user with status invited and mails a single-use link to `PUBLIC_URL/accept-invitation?token=...` (valid 7 days). 409 when the email already belongs to this tenant.',
          body: InviteBody,
          response: { 201: UserSchema, ...problems(401, 403, 409, 422, 429) },
        },
      },
      async (request, reply) => reply.code(201).send(await deps.users.invite(callerOf(request), request.body)),
    );

    app.patch(
      '/tenants/users/:id',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: "Change a user's role, status or name (admin)",
          description:
            'Only an owner may grant the owner role or change an owner. The last active owner can be neither demoted nor deactivated (409). Role and status changes apply at once on every server; deactivation also ends every session.',
          params: IdParams,
          body: UserPatchBody,
          response: { 200: UserSchema, ...problems(401, 403, 404, 409, 422, 429, 503) },
        },
      },
      async (request) => deps.users.update(callerOf(request), request.params.id, request.body),
    );

    app.delete(
      '/tenants/users/:id',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Remove a user from the tenant (admin)',
          description:
            'A soft delete: the user is deactivated (kept for the audit trail) and every session and pending emailed token is revoked at once. Removing a removed user is 204 again; the last owner cannot be removed (409).',
          params: IdParams,
          response: { 204: Type.Null({ description: 'Removed' }), ...problems(401, 403, 404, 409, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        await deps.users.remove(callerOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
