import { PrismaPg } from "@prisma/adapter-pg";

import { databaseUrl } from "../config";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { roadieDb?: PrismaClient };

/** Creates a Prisma client on its own pg pool; tests use this to reach their own database. */
export function createDb(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });

  return new PrismaClient({ adapter });
}

/**
 * The process-wide Prisma client. Kept on globalThis so Next's dev reloads do not open a new
 * pool on every change.
 */
export function db(): PrismaClient {
  globalForDb.roadieDb ??= createDb(databaseUrl());

  return globalForDb.roadieDb;
}
