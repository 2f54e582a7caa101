-- Lattices: the implicit definitions, their value fields (compressed, chunked) and their operation history.

CREATE TABLE lattices (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  -- bigint: a 1-D lattice may have more than 2^31 points on its one side.
  shape bigint[] NOT NULL CHECK (cardinality(shape) BETWEEN 1 AND 10),
  boundary text NOT NULL DEFAULT 'open' CHECK (boundary IN ('open', 'periodic')),
  -- {"density": d, "seed": s} or {"coordinates": [[...], ...]}; NULL when there are none.
  obstacles jsonb,
  metadata jsonb NOT NULL DEFAULT '{}',
  -- Old clients' fields (field_type, geometry, enable_gpu): stored and echoed, never interpreted.
  legacy jsonb NOT NULL DEFAULT '{}',
  -- Computed by the engine at creation and stored, so listing does no per-row engine work.
  vertices bigint NOT NULL CHECK (vertices > 0),
  edges bigint NOT NULL CHECK (edges >= 0),
  implicit_bytes bigint NOT NULL,
  -- Can pass 2^63 for the largest lattices; an exact integer is not needed for a size estimate.
  explicit_csr_bytes double precision NOT NULL,
  -- version counts changes of the value field; field_version is the version the stored field was
  -- written at (0: none stored, operations start from the engine's default field).
  version integer NOT NULL DEFAULT 1,
  field_version integer NOT NULL DEFAULT 0,
  created_by uuid,
  created_by_type text NOT NULL CHECK (created_by_type IN ('user', 'api_key', 'system')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lattices_tenant_time ON lattices (tenant_id, created_at DESC, id DESC);
CREATE INDEX lattices_tenant_name ON lattices (tenant_id, lower(name));

-- A value field as little-endian Float64 bytes, deflated in chunks: one bytea stays far below
-- PostgreSQL's 1 GB value limit and node-postgres never holds the whole field as one string.
CREATE TABLE lattice_fields (
  lattice_id uuid NOT NULL REFERENCES lattices(id) ON DELETE CASCADE,
  chunk integer NOT NULL CHECK (chunk >= 0),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  encoding text NOT NULL,
  bytes bytea NOT NULL,
  vertex_count bigint NOT NULL,
  chunk_count integer NOT NULL,
  checksum text NOT NULL,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (lattice_id, chunk)
);
-- Already deflated: TOAST should store the bytes out of line without trying to compress them again.
ALTER TABLE lattice_fields ALTER COLUMN bytes SET STORAGE EXTERNAL;

CREATE TABLE lattice_operations (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  lattice_id uuid NOT NULL REFERENCES lattices(id) ON DELETE CASCADE,
  type text NOT NULL,
  parameters jsonb NOT NULL DEFAULT '{}',
  result_summary jsonb,
  backend text,
  gpu_used boolean NOT NULL DEFAULT false,
  fallback_reason text,
  cached boolean NOT NULL DEFAULT false,
  status text NOT NULL,
  execution_time_ms double precision,
  actor_id uuid,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
  job_id uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lattice_operations_lattice_time ON lattice_operations (lattice_id, created_at DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON lattices, lattice_fields, lattice_operations TO catalytic_app;

ALTER TABLE lattices ENABLE ROW LEVEL SECURITY;
ALTER TABLE lattices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lattices USING (app_tenant_visible(tenant_id));
ALTER TABLE lattice_fields ENABLE ROW LEVEL SECURITY;
ALTER TABLE lattice_fields FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lattice_fields USING (app_tenant_visible(tenant_id));
ALTER TABLE lattice_operations ENABLE ROW LEVEL SECURITY;
ALTER TABLE lattice_operations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lattice_operations USING (app_tenant_visible(tenant_id));
