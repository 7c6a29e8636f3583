import { readdir } from "node:fs/promises";
import path from "node:path";

import { isStandIn } from "../http/allow-only";

/** The app's API folder; every route.ts below it is a route the tests must cover. */
export const API_DIR = path.resolve(import.meta.dirname, "../../app/api");

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Folders under app/api that hold a route.ts, as written on disk ("jobs/[id]/cancel"), sorted. */
export async function routeFiles(dir = API_DIR, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await routeFiles(path.join(dir, entry.name), rel)));
    else if (entry.name === "route.ts") found.push(prefix);
  }

  return found.sort();
}

/**
 * Loads one route file's module by its folder, without the answers allowOnly adds for the
 * methods it does not implement (lib/http/route-methods.test.ts checks those).
 */
export async function loadRouteModule(route: string): Promise<Record<string, unknown>> {
  const mod = await importRouteModule(route);

  return Object.fromEntries(Object.entries(mod).filter(([, value]) => !isStandIn(value)));
}

/** One route file's module as Next.js loads it, every export included. */
export async function importRouteModule(route: string): Promise<Record<string, unknown>> {
  return (await import(path.join(API_DIR, route, "route.ts"))) as Record<string, unknown>;
}
