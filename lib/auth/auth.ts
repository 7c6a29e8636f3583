import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";

import { config } from "../config";
import { type Db, db as processDb } from "../db/client";
import { logger } from "../logger";
import { PASSWORD_MAX, PASSWORD_MIN } from "./schemas";
import { ownOrigins } from "./same-origin";
import { roadieSessions } from "./session-plugin";
import { isDisabled } from "./user-state";

/** Where the better-auth handler is mounted (app/api/auth/[...all]/route.ts). */
export const AUTH_BASE_PATH = "/api/auth";
const SESSION_DAYS = 7;

const log = logger.child({ component: "better-auth" });

/** Builds the better-auth instance on one database. Exported for its type; use getAuth(). */
export function buildAuth(database: Db) {
  const appUrl = config().APP_URL;

  return betterAuth({
    appName: "Roadie",
    baseURL: appUrl,
    basePath: AUTH_BASE_PATH,
    secret: authSecret(),
    database: prismaAdapter(database, { provider: "postgresql" }),
    // Passwords are hashed with better-auth's default, scrypt (memory-hard; N=16384, r=16).
    emailAndPassword: {
      enabled: true,
      // Users are created by the first-run setup and by administrators, never by sign-up.
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "member" },
        banned: { type: "boolean", input: false, required: false, defaultValue: false },
        banExpires: { type: "date", input: false, required: false },
      },
    },
    // Sessions live in the database and are read on every request (no cookie cache), so a
    // disabled user or a signed-out session stops working at once.
    session: { expiresIn: SESSION_DAYS * 86_400, updateAge: 86_400 },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const user = await database.user.findUnique({ where: { id: session.userId } });
            if (!user || isDisabled(user)) {
              throw new APIError("FORBIDDEN", {
                code: "ACCOUNT_DISABLED",
                message: "This account is disabled. Ask an administrator.",
              });
            }
          },
        },
      },
    },
    trustedOrigins: (request) => ownOrigins(request),
    advanced: {
      cookiePrefix: "roadie",
      // Secure cookies whenever the public URL is https; http stays usable on localhost.
      useSecureCookies: appUrl.startsWith("https://"),
      // better-auth turns both checks off under NODE_ENV=test; tests must see what users get.
      disableCSRFCheck: false,
      disableOriginCheck: false,
    },
    // Sign-in and token limits are Roadie's own (lib/auth/rate-limit.ts, PostgreSQL-backed and
    // per account as well as per address); better-auth's per-process limiter would only add a
    // second, weaker count.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: {
      level: "warn",
      log: (level, message) => log[level]({ source: "better-auth" }, message),
    },
    // nextCookies must stay last: it copies Set-Cookie into server actions' responses.
    plugins: [roadieSessions(), nextCookies()],
  });
}

export type Auth = ReturnType<typeof buildAuth>;

const instances = new WeakMap<Db, Auth>();

/**
 * The better-auth instance for a database (the process-wide one by default). Built on first use,
 * not at import, so that `next build` can load route modules without a database or secret.
 */
export function getAuth(database: Db = processDb()): Auth {
  let auth = instances.get(database);
  if (!auth) {
    auth = buildAuth(database);
    instances.set(database, auth);
  }

  return auth;
}

function authSecret(): string {
  const secret = config().AUTH_SECRET;
  if (!secret || secret.length < 32) {
    throw new Error(
      "AUTH_SECRET is missing or shorter than 32 characters: start Roadie with `npm start` " +
        "(which generates one) or set it.",
    );
  }

  return secret;
}
