ALTER TABLE lattices DROP COLUMN allow_cpu_fallback, DROP COLUMN description;
