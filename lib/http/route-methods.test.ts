// Every route file under app/api answers each method: with a handler of its own, or with 405 in
// the error shape and an Allow header naming the methods it does take, where Next.js alone
// would send an empty 405 without one. The stand-ins answer before any session or database
// lookup, so they run here without a database.
import { beforeAll, describe, expect, it } from "vitest";

import { logger } from "../logger";
import { HTTP_METHODS, importRouteModule, routeFiles } from "../testing/api-routes";
import { isStandIn } from "./allow-only";

type Handler = (request: Request, args: { params: Promise<object> }) => Promise<Response>;

const ROUTE_FILES = await routeFiles();

/** The methods a route file implements itself. */
const ownMethods = (mod: Record<string, unknown>) =>
  HTTP_METHODS.filter((method) => mod[method] !== undefined && !isStandIn(mod[method]));

async function call(mod: Record<string, unknown>, route: string, method: string) {
  const handler = mod[method] as Handler;
  const request = new Request(`http://localhost:3000/api/${route}`, { method });

  return handler(request, { params: Promise.resolve({}) });
}

describe("methods of every API route", () => {
  // Every 405 is logged as a warning.
  beforeAll(() => {
    logger.level = "silent";
  });

  it("walks every route file under app/api", () => {
    expect(ROUTE_FILES.length).toBeGreaterThan(20);
  });

  it.each(ROUTE_FILES)("/api/%s", async (route) => {
    const mod = await importRouteModule(route);
    const own: string[] = ownMethods(mod);
    // Next.js answers HEAD with the GET handler when there is one.
    if (own.includes("GET")) own.push("HEAD");
    const refused = [...HTTP_METHODS, "HEAD"].filter((method) => !own.includes(method));
    const allow = [...own, "OPTIONS"].sort().join(", ");

    expect(own.length, "methods of its own").toBeGreaterThan(0);
    for (const method of refused) {
      expect(mod[method], `${method}: exported, or Next.js sends an empty 405`).toBeDefined();
      const response = await call(mod, route, method);

      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow"), `${method}: Allow`).toBe(allow);
      expect(await response.json(), `${method}: body`).toEqual({
        error: { code: "method_not_allowed", message: expect.stringContaining(method) },
      });
    }
    // With stand-ins exported, Next.js's own OPTIONS would list them as allowed.
    if (refused.length === 0) return;
    const options = await call(mod, route, "OPTIONS");
    expect(options.status).toBe(204);
    expect(options.headers.get("allow"), "OPTIONS: Allow").toBe(allow);
  });
});
