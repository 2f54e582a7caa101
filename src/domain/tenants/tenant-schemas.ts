import { type Static, Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../common-schemas.js';
import { INVITABLE_ROLES, ROLES } from '../auth/roles.js';
import { StringEnum } from '../string-enum.js';
import { PLAN_LIMITS_EXAMPLE, PlanLimitsSchema } from '../plans/plan-schemas.js';

const TENANT_ID = '01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f';
const USER_ID = '01920c8f-0a1b-7c2d-8e3f-4a5b6c7d8e9f';
const WHEN = '2025-01-15T09:30:00.000Z';

// At least one visible character, so a name of spaces is refused.
const DisplayName = (description: string) => Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description });

export const TenantSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    slug: Type.String({ description: 'Stable, URL-safe handle, chosen at registration' }),
    plan_code: Type.String(),
    plan_name: Type.String(),
    status: StringEnum(['active', 'suspended']),
    limits: PlanLimitsSchema,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  {
    additionalProperties: false,
    examples: [
      {
        id: TENANT_ID,
        name: 'Acme Research',
        slug: 'acme-research',
        plan_code: 'free',
        plan_name: 'Free',
        status: 'active',
        limits: PLAN_LIMITS_EXAMPLE,
        created_at: WHEN,
        updated_at: WHEN,
      },
    ],
  },
);

export const TenantPatchBody = Type.Object(
  { name: DisplayName('New display name of the tenant') },
  { additionalProperties: false, examples: [{ name: 'Acme Research Lab' }] },
);

export const SubscriptionBody = Type.Object(
  {
    plan_code: Type.String({
      minLength: 1,
      maxLength: 50,
      description: 'free, starter, pro (alias professional) or enterprise; an unknown code is 422',
    }),
  },
  { additionalProperties: false, examples: [{ plan_code: 'pro' }] },
);

const roleSchema = (description: string) => StringEnum(ROLES, { description });

export const UserSchema = Type.Object(
  {
    id: Uuid,
    email: Type.String({ format: 'email' }),
    name: Type.String(),
    role: roleSchema('owner ⊃ admin ⊃ member (read and write) ⊃ viewer (read only)'),
    status: StringEnum(['active', 'invited', 'deactivated']),
    email_verified: Type.Boolean(),
    last_login_at: Type.Union([Timestamp, Type.Null()]),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  {
    additionalProperties: false,
    examples: [
      {
        id: USER_ID,
        email: 'ada@example.com',
        name: 'ada',
        role: 'member',
        status: 'invited',
        email_verified: false,
        last_login_at: null,
        created_at: WHEN,
        updated_at: WHEN,
      },
    ],
  },
);

export const UserList = Type.Array(UserSchema);

export const InviteBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    role: StringEnum(INVITABLE_ROLES, {
      description: 'Role the user gets on accepting; owners are made by promotion, never by invitation',
    }),
    name: Type.Optional(DisplayName('Display name; defaults to the part of the email before @')),
  },
  { additionalProperties: false, examples: [{ email: 'ada@example.com', role: 'member' }] },
);

export const UserPatchBody = Type.Object(
  {
    role: Type.Optional(roleSchema('Only an owner may grant owner or change an owner')),
    status: Type.Optional(
      StringEnum(['active', 'deactivated'], {
        description: 'deactivated signs the user out everywhere at once; active re-enables a deactivated user',
      }),
    ),
    name: Type.Optional(DisplayName('Display name')),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ role: 'viewer' }, { status: 'deactivated' }] },
);

export type TenantView = Static<typeof TenantSchema>;
export type UserView = Static<typeof UserSchema>;
/** An invitation after its schema: owners are made by promotion, never by invitation. */
export type Invitation = Static<typeof InviteBody>;
export type UserUpdate = Static<typeof UserPatchBody>;
