import { databaseUrl } from "../config";
import { type Db, db as processDb } from "../db/client";
import type { Actor } from "./actor";
import { actorForToken, parseBearer } from "./api-tokens";
import { getAuth } from "./auth";
import { processTokenCache } from "./token-actor-cache";
import { isDisabled, toRole } from "./user-state";

/**
 * Finds the actor behind a request from its bearer token or its session cookie. Answers null
 * when the request carries neither, they are not valid, or the user is disabled.
 *
 * A request with an Authorization header is judged by that header alone: a bad token is not
 * rescued by a cookie, so scripts get a clear 401 instead of acting as whoever is signed in.
 */
export async function resolveActor(request: Request, database?: Db): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const secret = parseBearer(authorization);

    if (!secret) return null;

    // The process cache belongs to the process database; a caller's own database reads directly.
    return database
      ? actorForToken(database, secret)
      : actorForToken(processDb(), secret, processTokenCache(databaseUrl()));
  }

  return actorFromSession(request.headers, database);
}

/** The actor of a session cookie in these headers (also used by server components). */
export async function actorFromSession(headers: Headers, database?: Db): Promise<Actor | null> {
  if (!headers.get("cookie")) return null;

  const found = await getAuth(database).api.getSession({ headers });
  if (!found || isDisabled(found.user)) return null;
  const { user } = found;

  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: toRole(user.role),
    via: "session",
  };
}
