import { config } from "../config";
import { AppError } from "../http/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Origins the app's own pages are served from: APP_URL and the origin the request was sent to. */
export function ownOrigins(request: Request): string[] {
  const origins = [new URL(config().APP_URL).origin];
  const requested = new URL(request.url).origin;
  if (!origins.includes(requested)) origins.push(requested);

  return origins;
}

/**
 * Refuses a state-changing request that a browser sent from another site. Cookies ride along on
 * cross-site requests, so a cookie-authenticated write must prove it came from our own pages:
 * Sec-Fetch-Site (set by the browser, not by scripts) must say same-origin, or, for browsers
 * without fetch metadata, the Origin header must be one of ours.
 *
 * `requireProof` is for requests that carry a session cookie: a write with neither header is
 * refused too. Without it (requests with no ambient credentials) a missing header is allowed,
 * so scripts and curl keep working, but a browser's cross-site write is still refused.
 */
export function assertSameOrigin(request: Request, requireProof: boolean): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;

  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  if (site && site !== "none") throw crossSite();

  const origin = request.headers.get("origin");
  if (origin) {
    if (ownOrigins(request).includes(origin)) return;
    throw crossSite();
  }
  if (requireProof) throw crossSite();
}

const crossSite = () =>
  new AppError("forbidden", "Cross-site request refused: send it from Roadie's own pages.", {
    reason: "cross_site",
  });
