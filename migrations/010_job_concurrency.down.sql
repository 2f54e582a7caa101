DROP INDEX IF EXISTS lattice_operations_job;
DROP INDEX IF EXISTS jobs_tenant_running;
ALTER TABLE plans DROP COLUMN IF EXISTS max_concurrent_jobs;
