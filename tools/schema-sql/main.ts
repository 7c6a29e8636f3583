// Prints the SQL that builds prisma/schema.prisma from an empty database:
// `npm run db:sql > /tmp/full.sql`, then write the difference as a new migration.
import { schemaToSql } from "./schema-sql";

process.stdout.write(schemaToSql());
