import { PgBoss } from "pg-boss";

import { databaseUrl } from "../config";
import { BOSS_SCHEMA } from "../queue/boss";

/** The bench-only reference route is on only when ROADIE_BENCH=1. */
export const benchEnabled = () => process.env.ROADIE_BENCH === "1";

const globalForBench = globalThis as unknown as { roadieBenchBoss?: Promise<PgBoss> };

/**
 * pg-boss as a plain route would use it: its own pool, its defaults. Not the web's sender,
 * whose pipelined connections are our own work, so the reference measures pg-boss alone.
 */
function referenceBoss(): Promise<PgBoss> {
  globalForBench.roadieBenchBoss ??= new PgBoss({
    connectionString: databaseUrl(),
    schema: BOSS_SCHEMA,
    max: 5,
    supervise: false,
    schedule: false,
    migrate: false,
    createSchema: false,
  }).start();

  return globalForBench.roadieBenchBoss;
}

/** A bare pg-boss send to the self_test queue, scheduled far ahead so no runner works it. */
export async function benchSend(): Promise<string | null> {
  const boss = await referenceBoss();

  return boss.send("self_test", { steps: 0 }, { startAfter: new Date(Date.now() + 86_400_000) });
}
