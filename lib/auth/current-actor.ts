import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { db } from "../db/client";
import type { Actor } from "./actor";
import { actorFromSession } from "./resolve-actor";
import { needsFirstRun } from "./users";

/** The signed-in actor of the page being rendered (session cookie only), or null. */
export async function currentActor(): Promise<Actor | null> {
  return actorFromSession(await headers());
}

/**
 * The signed-in actor, or a redirect: to /setup while no user exists, else to /sign-in. For
 * pages that only signed-in users may see.
 */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;

  redirect((await needsFirstRun(db())) ? "/setup" : "/sign-in");
}
