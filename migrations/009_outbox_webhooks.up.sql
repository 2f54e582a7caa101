-- One outbox for everything that leaves the service after a change commits:
-- domain events (fanned out to webhook endpoints) and account mail. A row is
-- written in the transaction of the change that causes it, so it exists if
-- and only if the change committed; the worker's dispatcher consumes it.
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  -- NULL only for mail that belongs to no tenant (visible to the system scope alone).
  tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
  topic text NOT NULL CHECK (topic IN ('event', 'mail')),
  -- Events: the type (lattice.created, ...), its data, and for webhook.test the one endpoint it goes to.
  event_type text,
  payload jsonb,
  endpoint_id uuid,
  -- Mail: the message sealed with the service's encryption key (it can hold a
  -- reset or verification token); cleared once sent or given up.
  sealed text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  CHECK (topic <> 'event' OR (event_type IS NOT NULL AND payload IS NOT NULL AND tenant_id IS NOT NULL))
);
CREATE INDEX outbox_pending ON outbox (topic, next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_processed ON outbox (processed_at) WHERE status <> 'pending';

-- Mail still waiting in the old table moves over (as plain JSON: it was plain
-- there; the dispatcher sends it and clears it like any other).
INSERT INTO outbox (id, tenant_id, topic, sealed, status, attempts, last_error, next_attempt_at, created_at)
SELECT id, tenant_id, 'mail',
       json_build_object('to', to_address, 'subject', subject, 'text', text_body, 'html', html_body)::text,
       'pending', attempts, last_error, next_attempt_at, created_at
FROM mail_outbox WHERE status = 'pending';
DROP TABLE mail_outbox;

CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  url text NOT NULL,
  description text,
  events text[] NOT NULL,
  -- Secrets sealed with the service's encryption key, bound to the endpoint id.
  secret_sealed text NOT NULL,
  previous_secret_sealed text,
  previous_secret_expires_at timestamptz,
  max_retries integer NOT NULL CHECK (max_retries BETWEEN 0 AND 20),
  retry_delay_seconds integer NOT NULL CHECK (retry_delay_seconds BETWEEN 1 AND 3600),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'disabled')),
  disabled_reason text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, created_at DESC, id DESC);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  -- The outbox event; also the webhook-id header, the same on every attempt.
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  -- The body as sent (without secrets): { id, type, event, timestamp, tenant_id, data }.
  body jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  -- Due time; while an attempt runs it is the attempt's lease (a worker that dies leaves it due again).
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  response_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (tenant_id) WHERE status = 'dead';

GRANT SELECT, INSERT, UPDATE, DELETE ON outbox, webhook_endpoints, webhook_deliveries TO catalytic_app;
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox USING (app_tenant_visible(tenant_id));
ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints USING (app_tenant_visible(tenant_id));
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries USING (app_tenant_visible(tenant_id));
