// Applies pending migrations to DATABASE_URL: `npm run db:migrate`.
import { databaseUrl } from "../lib/config";
import { migrate } from "../lib/db/migrate";
import { logger } from "../lib/logger";

const applied = await migrate(databaseUrl(), logger);
logger.info({ applied: applied.length }, "database is up to date");
