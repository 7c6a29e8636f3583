// `npm run db:seed`: puts the demo's sample library (the fixture artists, a few videos and a
// playlist) into DATABASE_URL, once: a library that has artists already is left alone.
import { databaseUrl } from "../lib/config";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { logger } from "../lib/logger";
import { seedSampleLibrary } from "./stack/demo";

const url = databaseUrl();
await migrate(url, logger);
const db = createDb(url, 2);
try {
  const seeded = await seedSampleLibrary(db);
  logger.info(
    { seeded },
    seeded ? "sample library seeded" : "library has artists already; nothing seeded",
  );
} finally {
  await db.$disconnect();
}
