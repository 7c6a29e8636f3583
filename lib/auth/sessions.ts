import { isAPIError } from "better-auth/api";

import type { Db } from "../db/client";
import { AppError } from "../http/errors";
import { getAuth } from "./auth";

/**
 * Starts a session for a user the server already vouches for (first-run setup, an accepted
 * invite, the demo) and answers the Set-Cookie headers to send back. Goes through better-auth,
 * so the cookie is signed, stored and checked exactly like one from the sign-in form.
 */
export async function startSession(db: Db, userId: string): Promise<Headers> {
  try {
    const { headers } = await getAuth(db).api.startSessionForUser({
      body: { userId },
      returnHeaders: true,
    });

    return headers;
  } catch (err) {
    // The session hook refuses disabled users; say so in our own error shape.
    if (isAPIError(err) && err.statusCode === 403) {
      throw new AppError("forbidden", "This account is disabled. Ask an administrator.");
    }
    throw err;
  }
}

/** The Set-Cookie values of a better-auth answer as one `Cookie` request header. */
export function cookieHeaderFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((line) => line.split(";")[0]?.trim() ?? "")
    .filter((pair) => pair && !pair.endsWith("="))
    .join("; ");
}

/** Copies Set-Cookie headers from better-auth's answer onto one of ours. */
export function withCookies(response: Response, from: Headers): Response {
  for (const line of from.getSetCookie()) response.headers.append("set-cookie", line);

  return response;
}
