import { AppError } from "./errors";
import { errorResponse, requestLog } from "./route";

/** The methods a route file implements itself; Next.js answers HEAD with GET when there is one. */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const REFUSABLE = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

/** What is left to answer: every other method (HEAD only without GET), and OPTIONS. */
type OtherMethods<S extends RouteMethod> =
  Exclude<(typeof REFUSABLE)[number], S | ("GET" extends S ? "HEAD" : never)> | "OPTIONS";

type StandIn = (request: Request) => Response;

const standIns = new WeakSet<StandIn>();

/**
 * Handlers for the methods a route file does not implement, given those it does. Next.js
 * would answer them with an empty 405; these answer 405 in the error shape with an Allow
 * header. OPTIONS is among them because Next.js would build its Allow from every export,
 * these included. A route file destructures the ones it lacks:
 *
 *     export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");
 */
export function allowOnly<const S extends [RouteMethod, ...RouteMethod[]]>(
  ...supported: S
): Record<OtherMethods<S[number]>, StandIn> {
  const implemented = new Set<string>(supported);
  if (implemented.has("GET")) implemented.add("HEAD");
  const allow = [...implemented, "OPTIONS"].sort().join(", ");

  const refuse: StandIn = (request) => {
    const { requestId, log } = requestLog(request);
    const message = `${request.method} is not allowed here; this route answers ${allow}.`;
    const refusal = new AppError("method_not_allowed", message, {}, { allow });

    return errorResponse(refusal, log, requestId);
  };
  const options: StandIn = () => new Response(null, { status: 204, headers: { allow } });
  standIns.add(refuse).add(options);
  const refused = REFUSABLE.filter((method) => !implemented.has(method));

  return Object.fromEntries([
    ...refused.map((method) => [method, refuse]),
    ["OPTIONS", options],
  ]) as Record<OtherMethods<S[number]>, StandIn>;
}

/** True for a handler allowOnly made, as opposed to one a route implements. */
export function isStandIn(handler: unknown): boolean {
  return typeof handler === "function" && standIns.has(handler as StandIn);
}
