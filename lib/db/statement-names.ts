/** Statement texts given a name; others run unnamed, so odd one-off texts cannot pile up. */
const MAX_NAMED_STATEMENTS = 200;

/**
 * Names for statements sent often, so each connection parses and plans them once: planning
 * pg-boss's insert cost PostgreSQL more than running it. Only writes and lookups by key are
 * named, for which PostgreSQL's generic plan is as good as a fresh one; the dashboard's reads,
 * whose best plan depends on the filter values, are planned for their values every time.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  /** `prefix` tells one pool's statements from another's in pg_prepared_statements. */
  constructor(private readonly prefix: string) {}

  of(text: string): string | undefined {
    const known = this.names.get(text);
    if (known || this.names.size >= MAX_NAMED_STATEMENTS) return known;
    const name = `${this.prefix}_${this.names.size + 1}`;
    this.names.set(text, name);

    return name;
  }
}

/**
 * A prepared statement whose result columns changed under it (a migration added a column to a
 * table it reads with *): PostgreSQL refuses it on that connection until it is prepared again.
 */
export const isStalePlan = (err: unknown) =>
  (err as { code?: string } | null)?.code === "0A000" &&
  /cached plan must not change result type/.test(String((err as Error).message));
