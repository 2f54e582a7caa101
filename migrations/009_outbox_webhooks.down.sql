DROP TABLE IF EXISTS webhook_deliveries, webhook_endpoints;

CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY,
  tenant_id uuid REFERENCES tenants(id),
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE status = 'pending';
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_outbox TO catalytic_app;
-- Pending mail sealed with the encryption key cannot be opened in SQL; it is dropped with the outbox.
DROP TABLE IF EXISTS outbox;
