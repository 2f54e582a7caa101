-- Jobs run concurrently; a plan caps how many of one tenant's jobs run at once
-- (internal: the API's plan view does not show it), so one tenant cannot hold
-- every slot of the workers. The claim counts a tenant's running jobs by the
-- partial index; cancelling a job finds its history row by job_id.
ALTER TABLE plans ADD COLUMN max_concurrent_jobs integer NOT NULL DEFAULT 1 CHECK (max_concurrent_jobs >= -1);
UPDATE plans SET max_concurrent_jobs = CASE code WHEN 'starter' THEN 2 WHEN 'pro' THEN 4 WHEN 'enterprise' THEN 8 ELSE 1 END;

CREATE INDEX jobs_tenant_running ON jobs (tenant_id) WHERE status = 'running';
CREATE INDEX lattice_operations_job ON lattice_operations (job_id) WHERE job_id IS NOT NULL;
