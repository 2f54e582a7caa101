import { type Static, Type } from '@sinclair/typebox';
import { Uuid } from '../common-schemas.js';
import { PlanLimitsBrief } from '../plans/plan-schemas.js';
import { ROLES } from './roles.js';

const Email = Type.String({ format: 'email', maxLength: 254, examples: ['ada@example.com'] });
// The policy (8–128, mixed case, digit, not common) answers with its own messages;
// the schema only bounds the input the hasher will see.
const Password = Type.String({ minLength: 1, maxLength: 1024, examples: ['Correct-Horse-42'] });
const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: Password,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    first_name: Type.Optional(Type.String({ maxLength: 100 })),
    last_name: Type.Optional(Type.String({ maxLength: 100 })),
    company_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    tenant_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    plan_code: Type.Optional(Type.String({ maxLength: 40, examples: ['free', 'starter', 'pro', 'enterprise'] })),
  },
  { examples: [{ email: 'ada@example.com', password: 'Correct-Horse-42', name: 'Ada Lovelace', company_name: 'Analytical Engines' }] },
);

const TokenFields = {
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer({ description: 'Access-token lifetime in seconds' }),
};
export const TokenPair = Type.Object(TokenFields);

export const RegisterResponse = Type.Object({
  id: Uuid,
  user_id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  tenant_id: Uuid,
  tenant_slug: Type.String(),
  plan_code: Type.String(),
  ...TokenFields,
});

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Password, tenant_slug: Type.Optional(Type.String({ maxLength: 100 })) },
  { examples: [{ email: 'ada@example.com', password: 'Correct-Horse-42' }] },
);

const SessionUser = Type.Object({ id: Uuid, email: Type.String(), name: Type.String(), role: Role, tenant_id: Uuid });

export const LoginResponse = Type.Object({ ...TokenFields, user: SessionUser, tokens: TokenPair });
export const AcceptInvitationResponse = Type.Object({ ...TokenFields, user: SessionUser });

export const RefreshBody = Type.Object({ refresh_token: Type.String({ minLength: 1, maxLength: 4096 }) });
export const TokenBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) });
export const VerifyResponse = Type.Object({ valid: Type.Boolean(), claims: Type.Record(Type.String(), Type.Unknown()) });

export const PasswordResetBody = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) });
export const PasswordResetConfirmBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }), new_password: Password });
export const AcceptInvitationBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 512 }),
  password: Password,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

export const MeResponse = Type.Object({
  user: Type.Object({
    id: Uuid,
    email: Type.String(),
    name: Type.String(),
    role: Role,
    status: Type.String(),
    email_verified: Type.Boolean(),
    created_at: Type.String({ format: 'date-time' }),
  }),
  tenant: Type.Object({ id: Uuid, name: Type.String(), slug: Type.String(), status: Type.String(), plan_code: Type.String() }),
  plan: Type.Object({ code: Type.String(), name: Type.String() }),
  limits: PlanLimitsBrief,
  auth: Type.Object({ method: Type.Union([Type.Literal('bearer'), Type.Literal('api_key')]), scopes: Type.Array(Type.String()) }),
});

export const Jwks = Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.String())) });

export type RegisterInput = Static<typeof RegisterBody>;
export type LoginInput = Static<typeof LoginBody>;
export type AcceptInvitationInput = Static<typeof AcceptInvitationBody>;
export type PasswordResetConfirmInput = Static<typeof PasswordResetConfirmBody>;
export type TokenPair = Static<typeof TokenPair>;
/** What `GET /auth/me` shows: the caller, their tenant, plan and limits. */
export type AccountView = Static<typeof MeResponse>;
