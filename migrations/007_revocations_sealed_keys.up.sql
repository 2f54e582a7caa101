-- Dependencies failing, keys at rest (issue 7, items 6 and 11).

-- JWT private keys sealed at rest (AES-256-GCM, src/platform/secret-box.ts) with the key
-- ENCRYPTION_KEY names. SQL has no key: the service seals the plain rows an older
-- version wrote when it starts (signing-key-store.ts) and clears private_jwk.
ALTER TABLE signing_keys ALTER COLUMN private_jwk DROP NOT NULL, ADD COLUMN private_key_sealed text;
-- A rolled-back-then-reapplied 007 finds its sealed values parked by the down migration.
UPDATE signing_keys SET private_key_sealed = private_jwk->>'sealed', private_jwk = NULL WHERE private_jwk ? 'sealed';

-- PostgreSQL is the record of revocations; the shared store only caches them
-- (rebuilt from these tables when it comes back empty).
-- A logged-out access token, until it would have expired anyway.
CREATE TABLE revoked_access_tokens (
  jti text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revoked_access_tokens_expiry ON revoked_access_tokens (expires_at);

-- Every access token of the user issued at or before revoked_before is dead.
CREATE TABLE session_revocations (
  user_id uuid PRIMARY KEY REFERENCES users(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  revoked_before timestamptz NOT NULL
);
CREATE INDEX session_revocations_time ON session_revocations (revoked_before);

GRANT SELECT, INSERT, UPDATE, DELETE ON revoked_access_tokens, session_revocations TO catalytic_app;
ALTER TABLE revoked_access_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE revoked_access_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON revoked_access_tokens USING (app_tenant_visible(tenant_id));
ALTER TABLE session_revocations ENABLE ROW LEVEL SECURITY;
ALTER TABLE session_revocations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON session_revocations USING (app_tenant_visible(tenant_id));
