import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The SQL that creates the schema in prisma/schema.prisma from nothing, as Prisma Migrate
 * would write it. Used to write new migrations and by the test that compares them.
 */
export function schemaToSql(schemaPath = path.join(root, "prisma/schema.prisma")): string {
  // Prisma 6 still wants a url in the datasource block; Prisma 7 forbids one there.
  const dir = mkdtempSync(path.join(tmpdir(), "roadie-schema-"));
  const copy = path.join(dir, "schema.prisma");
  const schema = readFileSync(schemaPath, "utf8").replace(
    /provider\s*=\s*"postgresql"/,
    'provider = "postgresql"\n  url = "postgresql://unused@127.0.0.1:1/unused"',
  );
  writeFileSync(copy, schema);

  try {
    const cli = path.join(root, "node_modules/prisma6/build/index.js");
    const args = [cli, "migrate", "diff", "--from-empty", "--to-schema-datamodel", copy, "--script"];
    const result = spawnSync(process.execPath, [...args, "--config", "tools/schema-sql/prisma6.config.ts"], {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        ROADIE_SCHEMA_FOR_DIFF: copy,
        ROADIE_DIFF_SERVER_URL:
          process.env.DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres",
        PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
        PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    });
    if (result.status !== 0 || !result.stdout.trim()) {
      throw new Error(`prisma migrate diff failed: ${result.stderr || "no output"}`);
    }

    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
