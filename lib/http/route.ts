import { randomUUID } from "node:crypto";

import type { Actor } from "../auth/actor";
import { clientAddress } from "../auth/client-address";
import { enforceRateLimit, type RateLimitName } from "../auth/rate-limit";
import { resolveActor } from "../auth/resolve-actor";
import { assertSameOrigin } from "../auth/same-origin";
import { db } from "../db/client";
import { isDatabaseUnavailable } from "../db/unavailable";
import { logger, type Logger } from "../logger";
import { AppError } from "./errors";

export interface RouteContext<P> {
  request: Request;
  params: P;
  log: Logger;
  requestId: string;
  /**
   * Counts this request against a named limit (lib/auth/rate-limit.ts) for its address and,
   * when signed in, its account; throws 429 with Retry-After when over.
   */
  rateLimit: (name: RateLimitName) => Promise<void>;
}

type Access = "public" | "user" | "admin";

type Handler<P, A> = (ctx: RouteContext<P> & { actor: A }) => Promise<Response>;

type NextRouteArgs<P> = { params: Promise<P> };

/**
 * Wraps a route handler with what every route needs: a request id, a child logger, the actor
 * (401 without one, 403 for an admin route), and one mapping from errors to responses.
 */
export function route<P = Record<string, never>>(
  access: "public",
  handler: Handler<P, Actor | null>,
): (request: Request, args: NextRouteArgs<P>) => Promise<Response>;
export function route<P = Record<string, never>>(
  access: "user" | "admin",
  handler: Handler<P, Actor>,
): (request: Request, args: NextRouteArgs<P>) => Promise<Response>;
// Public handlers accept a null actor; authorize() guarantees one for the other two.
export function route<P>(access: Access, handler: Handler<P, Actor>) {
  return async (request: Request, args: NextRouteArgs<P>) => {
    const { requestId, log } = requestLog(request);
    const started = performance.now();
    try {
      const actor = await authorize(access, request);
      const params = (await args?.params) ?? ({} as P);
      const rateLimit = (name: RateLimitName) =>
        enforceRateLimit(db(), name, { address: clientAddress(request), account: actor?.userId });
      const ctx = { request, params, log, requestId, rateLimit };
      const response = await handler({ ...ctx, actor: actor as Actor });
      response.headers.set("x-request-id", requestId);

      return response;
    } catch (err) {
      if (clientLeft(request, err)) {
        log.info("the client closed the request before it was answered");
        const left = new AppError("bad_request", "The request was closed before it was read.");

        return Response.json(left.toBody(), {
          status: left.status,
          headers: { "x-request-id": requestId },
        });
      }

      return errorResponse(err, log, requestId);
    } finally {
      log.debug({ durationMs: Math.round(performance.now() - started) }, "request handled");
    }
  };
}

/**
 * The client went away mid-request: its body ends in Node's "aborted" error, whose ECONNRESET
 * code would otherwise read as a database outage.
 */
function clientLeft(request: Request, err: unknown): boolean {
  const aborted = err instanceof Error && err.message === "aborted";

  return request.signal.aborted || (aborted && (err as { code?: string }).code === "ECONNRESET");
}

/** The request's id (the caller's x-request-id, else a new one) and a logger carrying it. */
export function requestLog(request: Request): { requestId: string; log: Logger } {
  const requestId = request.headers.get("x-request-id") ?? randomUUID();
  const log = logger.child({
    requestId,
    method: request.method,
    path: new URL(request.url).pathname,
  });

  return { requestId, log };
}

/**
 * Resolves the actor and refuses cross-site writes. Token requests carry no ambient credential
 * and are exempt; a cookie-authenticated write must prove it came from our own pages.
 */
async function authorize(access: Access, request: Request): Promise<Actor | null> {
  const actor = await resolveActor(request);
  if (actor?.via !== "token") assertSameOrigin(request, actor?.via === "session");
  if (access === "public") return actor;
  if (!actor) throw new AppError("unauthenticated", "Sign in or send a valid API token.");
  if (access === "admin" && actor.role !== "admin") {
    throw new AppError("forbidden", "Only administrators may do this.");
  }

  return actor;
}

/** Maps any thrown value to the one error body; only surprises are logged as errors. */
export function errorResponse(err: unknown, log: Logger, requestId: string): Response {
  if (err instanceof AppError) {
    if (err.status >= 500) log.error({ err, code: err.code }, "request failed");
    else log.warn({ code: err.code, status: err.status }, err.message);
    const headers = { ...err.headers, "x-request-id": requestId };

    return Response.json(err.toBody(), { status: err.status, headers });
  }
  if (isDatabaseUnavailable(err)) {
    log.error({ err: String((err as Error)?.message ?? err) }, "database unavailable");
    const body = {
      error: {
        code: "unavailable",
        message: "The database is unavailable; try again in a few seconds.",
        requestId,
      },
    };
    const headers = { "retry-after": "5", "x-request-id": requestId };

    return Response.json(body, { status: 503, headers });
  }
  log.error({ err }, "unexpected error");
  const body = {
    error: { code: "internal", message: "Something went wrong on our side.", requestId },
  };

  return Response.json(body, { status: 500, headers: { "x-request-id": requestId } });
}
