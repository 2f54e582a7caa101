-- Durable jobs as the API shows them. The queue itself (claiming, retries,
-- expiry of jobs whose worker died) is pg-boss's, in its own schema; this
-- table holds what a tenant may read: status, progress, result, error.
CREATE TABLE jobs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  lattice_id uuid,
  kind text NOT NULL,
  operation text NOT NULL,
  parameters jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress double precision NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  result jsonb,
  error jsonb,
  attempts integer NOT NULL DEFAULT 0,
  actor_id uuid,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  -- When a finished job's row (and result) is deleted.
  expires_at timestamptz
);
CREATE INDEX jobs_tenant_time ON jobs (tenant_id, created_at DESC, id DESC);
CREATE INDEX jobs_expiry ON jobs (expires_at) WHERE expires_at IS NOT NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON jobs TO catalytic_app;
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON jobs USING (app_tenant_visible(tenant_id));
