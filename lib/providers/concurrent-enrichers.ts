// Test support: the "several enrichers at once" scenario shared by the providers integration
// tests and the pacing stress test. Not imported by application code.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import type { SimulatorStats } from "../../tools/provider-simulator/server";
import { createDb, type Db } from "../db/client";
import { enrichArtist } from "../enrichment/enrich-artist";
import type { Logger } from "../logger";
import { createProviders } from "./providers";
import { REPO_FIXTURES, simulatorConfig } from "./test-config";

export interface ChildSimulator {
  url: string;
  pid: number;
  stats(): Promise<SimulatorStats>;
  stop(): void;
}

/**
 * Starts the simulator in a process of its own, so that its clock is not stalled by the test's
 * own work (the enrichers, or a busy loop).
 */
export async function spawnSimulator(
  rateScale: number,
  fixturesDir = REPO_FIXTURES,
): Promise<ChildSimulator> {
  const main = path.resolve(import.meta.dirname, "../../tools/provider-simulator/main.ts");
  const args = ["--import", "tsx", main, "--fixtures", fixturesDir, "--port", "0"];
  args.push("--rate-scale", String(rateScale));
  // Ahead of the enrichers and any busy loop, as the chaos harness runs it: a starved simulator
  // reads requests late and can then only call a short gap uncertain (see RateWindow), so the
  // less it stalls the more it can judge. Without the right to raise priority, `nice` warns and
  // runs it as it is.
  const child: ChildProcess = spawn("nice", ["-n", "-10", process.execPath, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(chunk.toString());
      if (found) resolve(found[0]);
    });
    child.on("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });

  return {
    url,
    pid: child.pid ?? 0,
    stats: async () => (await (await fetch(`${url}/__sim/stats`)).json()) as SimulatorStats,
    stop: () => child.kill("SIGTERM"),
  };
}

export interface EnrichersOptions {
  /** The test's database (its URL: every pool is a separate stand-in for a runner process). */
  db: Db;
  url: string;
  simulatorUrl: string;
  rateScale: number;
  names: string[];
  pools: number;
  workersPerPool: number;
  log: Logger;
}

/**
 * Enriches every name with `pools x workersPerPool` workers, each pool with its own pg pool and
 * its own provider clients, so the pools meet only in PostgreSQL, as separate runners would.
 * Returns how many artists were enriched.
 */
export async function runConcurrentEnrichers(options: EnrichersOptions): Promise<number> {
  const { db, names, log } = options;
  const pools = Array.from({ length: options.pools }, () => createDb(options.url, 3));
  const config = simulatorConfig(options.simulatorUrl, { rateScale: options.rateScale });
  try {
    const ids = await Promise.all(
      names.map(async (name) => (await db.artist.create({ data: { name } })).id),
    );
    const providers = pools.map((pool) => createProviders(pool, config, { log }));
    const workers = options.pools * options.workersPerPool;
    const run = async (worker: number) => {
      const pool = worker % options.pools;
      for (let i = worker; i < ids.length; i += workers) {
        await enrichArtist(pools[pool]!, ids[i]!, {
          providers: providers[pool]!,
          log,
          forceRefresh: true,
        });
      }
    };
    await Promise.all(Array.from({ length: workers }, (_, worker) => run(worker)));

    return ids.length;
  } finally {
    await Promise.all(pools.map((pool) => pool.$disconnect()));
  }
}
