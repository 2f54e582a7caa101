-- Platform administration (issue 7 item 13): a user may also administer the
-- platform (list tenants, suspend, reactivate, change plans). Granted and
-- revoked only by the operator's `catalytic admin grant|revoke EMAIL`, never
-- by an API call, so no tenant role can reach it.
ALTER TABLE users ADD COLUMN platform_admin boolean NOT NULL DEFAULT false;
CREATE INDEX users_platform_admin ON users (id) WHERE platform_admin;
-- The platform-wide tenant list pages newest first.
CREATE INDEX tenants_created ON tenants (created_at DESC, id DESC);
