DROP TABLE IF EXISTS usage_counters;
