DROP TABLE IF EXISTS knowledge_cache;
