import { type Static, Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../common-schemas.js';
import { SCOPES } from '../auth/roles.js';
import { StringEnum } from '../string-enum.js';

const KEY_ID = '01920c90-1c2d-7e3f-8a4b-5c6d7e8f9a0b';
const USER_ID = '01920c8f-0a1b-7c2d-8e3f-4a5b6c7d8e9f';
const WHEN = '2025-01-15T09:30:00.000Z';

const ScopeSchema = StringEnum(SCOPES, {
  description: 'read: viewer routes; write: member routes; admin: admin routes',
});

const KEY_EXAMPLE = {
  id: KEY_ID,
  name: 'CI pipeline',
  prefix: 'k3x9q2ma',
  scopes: ['read', 'write'],
  created_by: USER_ID,
  expires_at: '2025-04-15T09:30:00.000Z',
  last_used_at: null,
  revoked_at: null,
  created_at: WHEN,
};

const keyProperties = {
  id: Uuid,
  name: Type.String(),
  prefix: Type.String({ description: 'The 8 characters after clc_: identifies a key without revealing it' }),
  scopes: Type.Array(ScopeSchema),
  created_by: Type.Union([Uuid, Type.Null()]),
  expires_at: Type.Union([Timestamp, Type.Null()]),
  last_used_at: Type.Union([Timestamp, Type.Null()], { description: 'Updated at most once a minute' }),
  revoked_at: Type.Union([Timestamp, Type.Null()]),
  created_at: Timestamp,
};

export const ApiKeySchema = Type.Object(keyProperties, { additionalProperties: false, examples: [KEY_EXAMPLE] });

export const ApiKeyList = Type.Array(ApiKeySchema);

export const CreatedApiKeySchema = Type.Object(
  { ...keyProperties, key: Type.String({ description: 'The full key, clc_<prefix>_<secret>. Shown only in this response' }) },
  {
    additionalProperties: false,
    examples: [{ ...KEY_EXAMPLE, key: 'clc_k3x9q2ma_Vq3jH0cFz8mR1tY6uW2eP4sL9kN7bX5dA0gJ3hQ8iZ1' }],
  },
);

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
    expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'Omit for a key that does not expire' })),
  },
  { additionalProperties: false, examples: [{ name: 'CI pipeline', scopes: ['read', 'write'], expires_in_days: 90 }] },
);

export type ApiKeyView = Static<typeof ApiKeySchema>;
/** The one view that carries the secret. */
export type CreatedApiKeyView = Static<typeof CreatedApiKeySchema>;
export type NewApiKeyInput = Static<typeof CreateApiKeyBody>;
