// Prisma 6's CLI with its WASM schema engine ("js" engine) prints migration SQL with no
// network; Prisma 7's CLI needs a native engine binary that cannot be downloaded here.
// That mode opens a connection through the adapter before diffing (it reads nothing there),
// so it points at any reachable server.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma6/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.ROADIE_SCHEMA_FOR_DIFF ?? "prisma/schema.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.ROADIE_DIFF_SERVER_URL }),
});
