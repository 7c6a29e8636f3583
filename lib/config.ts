import { z } from "zod";

/**
 * Every setting Roadie reads from the environment, with its default. The README lists the
 * same names; change both together.
 */
const configSchema = z
  .object({
    NODE_ENV: z.string().default("development"),
    /** PostgreSQL to use. Unset: the start command runs an embedded server under ROADIE_DATA_DIR. */
    DATABASE_URL: z.string().optional(),
    ROADIE_DATA_DIR: z.string().default(".data"),
    EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
    PORT: z.coerce.number().int().default(3000),
    /** Public base URL of the web app, used for auth callbacks and cookie security. */
    APP_URL: z.string().optional(),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    /** Soketi (Pusher protocol). Generated on first start when unset. */
    PUSHER_APP_ID: z.string().optional(),
    PUSHER_KEY: z.string().optional(),
    PUSHER_SECRET: z.string().optional(),
    PUSHER_HOST: z.string().default("127.0.0.1"),
    PUSHER_PORT: z.coerce.number().int().default(6001),
    /** Where browsers reach Soketi; defaults to the page's own host name and PUSHER_PORT. */
    PUSHER_PUBLIC_HOST: z.string().optional(),
    PUSHER_PUBLIC_PORT: z.coerce.number().int().optional(),
    PUSHER_USE_TLS: z.stringbool().default(false),
    /** Secret for signing sessions; generated on first start when unset. */
    AUTH_SECRET: z.string().optional(),
    /** Runner: workers per queue are set per job type; this caps all of them together. */
    RUNNER_ID: z.string().optional(),
    RUNNER_DRAIN_SECONDS: z.coerce.number().int().positive().default(20),
  })
  .transform((settings) => ({
    ...settings,
    // Unset, it is this machine on the port the app listens on.
    APP_URL: settings.APP_URL ?? `http://localhost:${settings.PORT}`,
  }));

export type Config = z.infer<typeof configSchema>;

let cached: Config | undefined;

/** Reads and validates the environment once per process. */
export function config(): Config {
  cached ??= configSchema.parse(process.env);

  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigForTests(): void {
  cached = undefined;
}

/** The database URL, or a clear error telling the operator what to do. */
export function databaseUrl(): string {
  const url = config().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: start Roadie with `npm start` (which runs an embedded PostgreSQL) or set DATABASE_URL.",
    );
  }

  return url;
}
