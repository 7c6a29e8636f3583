// Enriches 200 invented artists against the provider simulator and compares the wall time
// with the floor MusicBrainz's rate allows. The simulator runs as a child process, so the peak
// RSS reported is the enricher's own (the simulator's is reported beside it).
//   node --import tsx bench/enrich-200.ts [--artists 200] [--rate-scale 10] [--concurrency 4]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import pg from "pg";

import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { enrichArtist } from "../lib/enrichment/enrich-artist";
import { logger } from "../lib/logger";
import { scaledLimit } from "../lib/providers/provider-limits";
import { spawnSimulator } from "../lib/providers/concurrent-enrichers";
import { createProviders } from "../lib/providers/providers";
import { REPO_FIXTURES, simulatorConfig } from "../lib/providers/test-config";
import { writeSyntheticFixtures } from "./enrich-synthetic-fixtures";

const { values } = parseArgs({
  options: {
    artists: { type: "string", default: "200" },
    "rate-scale": { type: "string", default: "10" },
    concurrency: { type: "string", default: "4" },
  },
});
const count = Number(values.artists);
const rateScale = Number(values["rate-scale"]);
const concurrency = Number(values.concurrency);
const server = process.env.DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const dbName = `roadie_bench_${process.pid}`;
const admin = async (sql: string) => {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(sql).finally(() => client.end());
};

const dir = mkdtempSync(path.join(os.tmpdir(), "roadie-bench-fixtures-"));
const names = writeSyntheticFixtures(dir, count, path.join(REPO_FIXTURES, "errors"));
await admin(`CREATE DATABASE ${dbName}`);
const url = Object.assign(new URL(server), { pathname: `/${dbName}` }).toString();
await migrate(url);
const db = createDb(url, concurrency + 2);
const sim = await spawnSimulator(rateScale, dir);
const log = logger.child({ bench: "enrich-200" });
log.level = "warn";
const providers = createProviders(db, simulatorConfig(sim.url, { rateScale }), { log });

try {
  const ids = await Promise.all(
    names.map(async (name) => (await db.artist.create({ data: { name } })).id),
  );
  const statuses = new Map<string, number>();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const { status } = await enrichArtist(db, id, { providers, log });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;

  const stats = await sim.stats();
  const floorMs = stats.requests.musicbrainz * scaledLimit("musicbrainz", rateScale).intervalMs;
  const calls = stats.requests.musicbrainz + stats.requests.lastfm + stats.requests.spotify;
  console.log(
    JSON.stringify(
      {
        artists: count,
        rateScale,
        concurrency,
        statuses: Object.fromEntries(statuses),
        wallMs: Math.round(wallMs),
        floorMs,
        ratio: Number((wallMs / floorMs).toFixed(3)),
        violations: stats.violations,
        violationLog: stats.violationLog,
        minGapMs: stats.minGapMs,
        requests: stats.requests,
        callsPerArtist: Number((calls / count).toFixed(2)),
        peakRssMb: peakRssMb("self"),
        simulatorPeakRssMb: peakRssMb(String(sim.pid)),
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
      },
      null,
      2,
    ),
  );
} finally {
  sim.stop();
  await db.$disconnect();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
}

/** The kernel's high-water mark of a process's resident set (VmHWM), in MB. */
function peakRssMb(pid: string): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
