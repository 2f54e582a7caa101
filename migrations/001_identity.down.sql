DROP TABLE IF EXISTS signing_keys, mail_outbox, audit_logs, auth_tokens, api_keys, refresh_tokens, users, tenants, plans CASCADE;
DROP FUNCTION IF EXISTS audit_logs_immutable();
DROP FUNCTION IF EXISTS app_tenant_visible(uuid);
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM catalytic_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM catalytic_app;
REVOKE USAGE ON SCHEMA public FROM catalytic_app;
