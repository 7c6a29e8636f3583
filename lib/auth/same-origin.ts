import { config } from "../config";
import { AppError } from "../http/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** How the loopback interface is named in a URL; `URL.hostname` spells IPv6 in brackets. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Origins the app's own pages are served from: APP_URL, the origin the request was sent to
 * and, when APP_URL names this machine, the same scheme and port under the other loopback
 * names. A browser opened at http://127.0.0.1:3000 sends that Origin while APP_URL says
 * http://localhost:3000, and behind Next `request.url` carries APP_URL's host, not the one the
 * browser typed. Only those loopback spellings are added: no other port, no LAN address, and
 * nothing at all for an APP_URL that names another host. The request is optional because
 * better-auth also asks without one.
 */
export function ownOrigins(request?: Request): string[] {
  const app = new URL(config().APP_URL);
  const origins = new Set([app.origin]);
  if (LOOPBACK_NAMES.includes(app.hostname)) {
    for (const name of LOOPBACK_NAMES) {
      const alias = new URL(app.origin);
      alias.hostname = name;
      origins.add(alias.origin);
    }
  }
  if (request) origins.add(new URL(request.url).origin);

  return [...origins];
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
