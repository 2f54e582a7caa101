-- The engine's knowledge cache, persisted: results of read-only lattice operations, shared by every
-- process. An entry is keyed by a hash of the exact lattice, the version tag of its field and
-- definition, the operation and its parameters; a change to the lattice gives new keys, and its old
-- rows are deleted (transform) or cascade away (delete). A byte budget evicts the least recently hit.
CREATE TABLE knowledge_cache (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  key text NOT NULL,
  lattice_id uuid NOT NULL REFERENCES lattices(id) ON DELETE CASCADE,
  -- "version:updated_at" of the lattice when the result was computed.
  lattice_version text NOT NULL,
  operation text NOT NULL,
  -- JSON with typed arrays replaced by references into `blob` (their raw little-endian bytes).
  result jsonb NOT NULL,
  blob bytea,
  bytes bigint NOT NULL CHECK (bytes >= 0),
  hits bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_hit_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX knowledge_cache_lattice ON knowledge_cache (lattice_id);
CREATE INDEX knowledge_cache_recency ON knowledge_cache (last_hit_at DESC);
-- Typed arrays barely compress; TOAST should store them out of line as they are.
ALTER TABLE knowledge_cache ALTER COLUMN blob SET STORAGE EXTERNAL;

GRANT SELECT, INSERT, UPDATE, DELETE ON knowledge_cache TO catalytic_app;
ALTER TABLE knowledge_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE knowledge_cache FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON knowledge_cache USING (app_tenant_visible(tenant_id));
