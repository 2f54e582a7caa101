-- Usage per tenant and calendar month (UTC). Counted in the shared store on
-- the hot path and flushed here in batches, so no request pays a database write.
CREATE TABLE usage_counters (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  period text NOT NULL CHECK (period ~ '^\d{4}-\d{2}$'),
  metric text NOT NULL,
  count bigint NOT NULL DEFAULT 0 CHECK (count >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, period, metric)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON usage_counters TO catalytic_app;
ALTER TABLE usage_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_counters USING (app_tenant_visible(tenant_id));
