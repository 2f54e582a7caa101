-- The knowledge cache lookup of every synchronous operation, in one round trip with its values as
-- parameters: the function scopes its own transaction to the tenant it is given (no tenant id is
-- ever written into SQL text), lets the commit skip the WAL flush (cache rows are disposable),
-- counts the hit and returns the entry. Row-level security applies as in any tenant transaction.
CREATE FUNCTION knowledge_cache_hit(p_tenant uuid, p_key text, p_lattice uuid, p_version text)
RETURNS TABLE (result jsonb, blob bytea)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  PERFORM set_config('app.bypass_rls', 'off', true);
  PERFORM set_config('synchronous_commit', 'off', true);
  RETURN QUERY
    UPDATE knowledge_cache k SET hits = k.hits + 1, last_hit_at = now()
    WHERE k.tenant_id = p_tenant AND k.key = p_key AND k.lattice_id = p_lattice AND k.lattice_version = p_version
    RETURNING k.result, k.blob;
END $$;
GRANT EXECUTE ON FUNCTION knowledge_cache_hit(uuid, text, uuid, text) TO catalytic_app;
