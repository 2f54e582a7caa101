DROP FUNCTION IF EXISTS knowledge_cache_hit(uuid, text, uuid, text);
