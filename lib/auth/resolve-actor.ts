import type { Actor } from "./actor";

/**
 * Finds the actor behind a request from its session cookie or bearer token.
 * Answers null when the request carries neither or they are not valid.
 */
export async function resolveActor(_request: Request): Promise<Actor | null> {
  // Placeholder until sign-in lands: every protected route answers 401.
  return null;
}
