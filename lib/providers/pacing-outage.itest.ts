import { setTimeout as sleep } from "node:timers/promises";

import pg from "pg";
import { afterEach, beforeEach, expect, it } from "vitest";

import type { Sql } from "../jobs/sql";
import { logger } from "../logger";
import { adminQuery, createTestDatabase, type TestDatabase } from "../testing/database";
import { createGate, type ProviderGate } from "./provider-gate";
import { scaledLimit } from "./provider-limits";

// The shared pace when the database connection dies between a grant and its confirmation, or
// while a grant's answer is on its way: whatever is lost, two starts never come closer than the
// interval. Ten times faster than real: 100 ms between MusicBrainz starts.
const RATE_SCALE = 10;
const INTERVAL_MS = scaledLimit("musicbrainz", RATE_SCALE).intervalMs;
// Shorter than the default so the tests are quick; far longer than any statement here.
const SEND_TIMEOUT_MS = 1_000;
const log = logger.child({ test: "pacing-outage" });

let t: TestDatabase;
let pools: pg.Pool[] = [];

beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(pools.map((pool) => pool.end().catch(() => {})));
  pools = [];
  await t?.drop();
});

/**
 * One runner's way to the database, as pg-boss's executor runs it: statements on a pg pool of
 * its own. `around` may take over a statement, given the pool and the normal way to run it.
 */
function runnerSql(
  name: string,
  around?: (
    text: string,
    values: unknown[] | undefined,
    pool: pg.Pool,
    run: () => Promise<pg.QueryResult>,
  ) => Promise<pg.QueryResult>,
): Sql {
  const pool = new pg.Pool({ connectionString: t.url, max: 3, application_name: name });
  // Connections this test terminates while idle are reported here; the pool replaces them.
  pool.on("error", () => {});
  pools.push(pool);
  const run = (text: string, values?: unknown[]) => pool.query(text, values);

  return {
    executeSql: (text, values) =>
      around ? around(text, values, pool, () => run(text, values)) : run(text, values),
  };
}

/** Runs `statement` (if any) on a connection of `pool`, then has the server terminate it. */
async function dieOn(pool: pg.Pool, statement?: string, values?: unknown[]): Promise<never> {
  const client = await pool.connect();
  client.on("error", () => {});
  try {
    if (statement) await client.query(statement, values);
    await client.query("SELECT pg_terminate_backend(pg_backend_pid())");
  } finally {
    client.release(true);
  }
  throw new Error("the connection outlived its termination");
}

const isConfirm = (text: string) => text.includes(`"sendingSince" = NULL`);
const isAdmit = (text: string) => text.includes("WITH granted AS");

function gate(db: Sql): ProviderGate {
  return createGate("musicbrainz", {
    db,
    rateScale: RATE_SCALE,
    sendTimeoutMs: SEND_TIMEOUT_MS,
    log,
  });
}

/** A request that only notes when it left: `starts` collects every send. */
function request(starts: number[]) {
  return async (sent: () => void) => {
    starts.push(performance.now());
    sent();

    return { value: null, status: 200 };
  };
}

function smallestGap(starts: number[]): number {
  const sorted = [...starts].sort((x, y) => x - y);

  return Math.min(...sorted.slice(1).map((at, i) => at - sorted[i]!));
}

it("holds every other start back when a sent request's confirmation dies with its connection", async () => {
  let killed = 0;
  const a = gate(
    runnerSql("pace-a", (text, _values, pool, run) => {
      if (!isConfirm(text) || killed > 0) return run();
      killed += 1;
      return dieOn(pool);
    }),
  );
  const b = gate(runnerSql("pace-b"));
  const starts: number[] = [];

  await a.call(undefined, request(starts));
  await b.call(undefined, request(starts));
  await a.call(undefined, request(starts));

  expect(killed).toBe(1);
  expect(starts).toHaveLength(3);
  // The send was never recorded, so nobody may start until the mark times out.
  expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(SEND_TIMEOUT_MS - 50);
  expect(smallestGap(starts)).toBeGreaterThanOrEqual(INTERVAL_MS);
});

it("never sends on a grant whose answer was lost, and nobody starts on it either", async () => {
  let lost = 0;
  const a = gate(
    runnerSql("pace-a", (text, values, pool, run) => {
      if (!isAdmit(text) || lost > 0) return run();
      lost += 1;
      // The grant commits, then the connection dies before the runner has read the answer.
      return dieOn(pool, text, values);
    }),
  );
  const b = gate(runnerSql("pace-b"));
  const starts: number[] = [];
  const askedAt = performance.now();

  await expect(a.call(undefined, request(starts))).rejects.toMatchObject({ code: "57P01" });
  expect(starts).toHaveLength(0);
  await b.call(undefined, request(starts));
  await a.call(undefined, request(starts));

  expect(lost).toBe(1);
  expect(starts).toHaveLength(2);
  // Nobody can tell the grant went unused: it stands until the mark times out.
  expect(starts[0]! - askedAt).toBeGreaterThanOrEqual(SEND_TIMEOUT_MS - 50);
  expect(smallestGap(starts)).toBeGreaterThanOrEqual(INTERVAL_MS);
});

it("keeps starts an interval apart while every connection is terminated again and again", async () => {
  const gates = [gate(runnerSql("pace-a")), gate(runnerSql("pace-b"))];
  const starts: number[] = [];
  let failed = 0;
  let running = true;
  const worker = async (g: ProviderGate) => {
    while (running) {
      try {
        await g.call(undefined, request(starts));
      } catch {
        failed += 1;
        await sleep(5);
      }
    }
  };
  const workers = gates.flatMap((g) => [worker(g), worker(g), worker(g)]);

  await sleep(500);
  // Connections may come back at once, so statements die at every step of the pacing:
  // while asking for a start, between a grant and its confirmation, while confirming.
  const until = performance.now() + 1_500;
  let terminated = 0;
  while (performance.now() < until) {
    const { rows } = await adminQuery(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n
         FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'pace-%'`,
      [t.name],
    );
    terminated += (rows[0] as { n: number }).n;
    await sleep(10);
  }
  const cutEnd = performance.now();
  await sleep(SEND_TIMEOUT_MS + 500);
  running = false;
  await Promise.all(workers);

  expect(terminated).toBeGreaterThan(0);
  expect(failed).toBeGreaterThan(0);
  expect(starts.some((at) => at > cutEnd)).toBe(true);
  expect(smallestGap(starts)).toBeGreaterThanOrEqual(INTERVAL_MS);
});
