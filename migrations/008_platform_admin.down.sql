DROP INDEX IF EXISTS tenants_created;
DROP INDEX IF EXISTS users_platform_admin;
ALTER TABLE users DROP COLUMN IF EXISTS platform_admin;
