import pg from "pg";

/** A sorted description of the public schema: columns, indexes and constraints. */
export async function describePublicSchema(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name || '.' || column_name || ' ' || udt_name || ' null=' || is_nullable ||
              ' default=' || coalesce(column_default, '-') AS line
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const indexes = await client.query(
      `SELECT indexdef AS line FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace
          AND conrelid::regclass::text <> '_prisma_migrations'`,
    );

    return [...columns.rows, ...indexes.rows, ...constraints.rows]
      .map((r: { line: string }) => r.line)
      .sort();
  } finally {
    await client.end();
  }
}
