import pg from 'pg';

/**
 * Every table of the application and queue schemas with its row count and a
 * digest of its rows in a fixed order: two databases with equal digests hold
 * the same data, row for row and byte for byte of each row's text form.
 */
export async function tableDigests(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
       WHERE schemaname IN ('public', 'pgboss') ORDER BY 1`,
    );
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string; md5: string | null }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${name} AS t`,
      );
      out[name] = { rows: Number(rows[0].n), md5: rows[0].md5 ?? '' };
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Runs one statement as the given role (SET ROLE), as the application's connections do. */
export async function queryAs(url: string, role: string | null, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (role) await client.query(`SET ROLE ${role}`);
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
