import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

import { scaledLimit } from "../../lib/providers/provider-limits";
import { type Fault, FaultBook, type SimProvider } from "./faults";
import { type Canned, FixtureSet } from "./fixture-set";
import * as handlers from "./handlers";
import { trace } from "../../lib/providers/pacing-trace";
import { LoopWatch, type StallFigures } from "./loop-watch";
import { RateWindow, type Violation } from "./rate-window";

export interface SimulatorOptions {
  fixturesDir: string;
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  rateScale?: number;
  spotifyDevMode?: boolean;
}

type Counts = Record<SimProvider, number>;

export interface SimulatorStats {
  requests: Counts;
  /** Requests that broke a rule however late the simulator may have read them. */
  violations: Counts;
  /**
   * Requests that broke a rule only as the simulator stamped them: a stall of its own (see
   * LoopWatch) may have brought them closer than they arrived. Reported, not answered with an
   * error, and not counted in `violations`.
   */
  uncertainViolations: Counts;
  /** The simulator's own event-loop stalls. */
  stalls: StallFigures;
  injected: Counts;
  tokenRequests: number;
  badUserAgent: number;
  /** The first few violations (certain or not): provider and the rule broken, for diagnosis. */
  violationLog: string[];
  /** Smallest start-to-start gap seen per provider (ms), null before two requests. */
  minGapMs: Record<SimProvider, number | null>;
}

export interface Simulator {
  url: string;
  port: number;
  stats(): SimulatorStats;
  addFault(fault: Fault): void;
  setSpotifyDevMode(on: boolean): void;
  reset(): void;
  close(): Promise<void>;
}

const RATE_LIMIT_FILES: Record<SimProvider, string> = {
  musicbrainz: "musicbrainz-503-rate-limited.json",
  lastfm: "lastfm-error-29-rate-limit.json",
  spotify: "spotify-429-rate-limited.json",
};
// A Roadie-style User-Agent: "App/1.2.3 ( contact )".
const USER_AGENT = /^[^\s/]+\/\S+ \( .+ \)$/;
// performance.now() to the process.hrtime clock the pacing trace uses (both monotonic).
// The largest of a few samples: the second reading of each pair comes a little late.
const clockOffset = Math.max(
  ...[0, 1, 2].map(() => Number(process.hrtime.bigint()) / 1e6 - performance.now()),
);
const zero = (): Counts => ({ musicbrainz: 0, lastfm: 0, spotify: 0 });

/** Starts the simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const set = new FixtureSet(options.fixturesDir);
  const scale = options.rateScale ?? 1;
  const faults = new FaultBook();
  const spotify = new handlers.SpotifyState();
  spotify.devMode = options.spotifyDevMode ?? false;
  const watch = new LoopWatch();
  let stats = freshStats();
  let windows = freshWindows(scale);
  let lastSeen: Partial<Record<SimProvider, number>> = {};
  const hanging = new Set<ServerResponse>();

  function freshStats(): SimulatorStats {
    const minGapMs = { musicbrainz: null, lastfm: null, spotify: null };
    return {
      requests: zero(),
      violations: zero(),
      uncertainViolations: zero(),
      stalls: watch.figures,
      injected: zero(),
      tokenRequests: 0,
      badUserAgent: 0,
      violationLog: [],
      minGapMs,
    };
  }

  function note(provider: SimProvider, now: number, earliest: number): Violation | null {
    stats.requests[provider] += 1;
    const last = lastSeen[provider];
    if (last !== undefined) {
      const gap = now - last;
      const seen = stats.minGapMs[provider];
      stats.minGapMs[provider] = seen === null ? gap : Math.min(seen, gap);
    }
    lastSeen[provider] = now;

    return windows[provider].hit(now, earliest);
  }

  /** The provider's own rate-limit answer; its Retry-After starts a window of refusals. */
  function rateLimited(provider: SimProvider): Canned {
    const answer = set.error(RATE_LIMIT_FILES[provider]);
    const seconds = Number(answer.headers["Retry-After"]);
    const now = performance.now();
    if (Number.isFinite(seconds)) windows[provider].block(now, now + (seconds * 1000) / scale);

    return answer;
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
    arrivedAt: number,
    earliest: number,
  ): Promise<Canned | null> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/__sim/")) return control(req, url, body);
    if (url.pathname === "/api/token" && req.method === "POST") {
      stats.tokenRequests += 1;
      return spotify.issueToken(set, req.headers.authorization, body);
    }
    const provider = providerOf(url.pathname);
    if (!provider) return { status: 404, headers: {}, body: { error: "unknown path" } };

    const violation = note(provider, arrivedAt, earliest);
    trace("arrived", {
      traceId: req.headers["x-roadie-trace"],
      provider,
      at: arrivedAt + clockOffset,
      earliest: earliest + clockOffset,
      violation,
    });
    const fault = faults.take(provider);
    const latency = faults.latency(provider);
    if (latency > 0) await sleep(latency);
    if (fault) {
      stats.injected[provider] += 1;
      return injected(fault, provider, res);
    }
    if (violation) logViolation(provider, violation, arrivedAt - earliest);
    if (violation?.certain) {
      stats.violations[provider] += 1;
      return rateLimited(provider);
    }
    if (violation) stats.uncertainViolations[provider] += 1;
    if (provider === "musicbrainz" && !USER_AGENT.test(req.headers["user-agent"] ?? "")) {
      stats.badUserAgent += 1;
      return {
        status: 403,
        headers: {},
        body: { error: "User-Agent must name the application, version and contact" },
      };
    }
    if (provider === "musicbrainz") return handlers.musicbrainz(set, url);
    if (provider === "lastfm") return handlers.lastfm(set, url);

    return spotify.checkToken(set, req.headers.authorization) ?? spotify.api(set, url);
  }

  function logViolation(provider: SimProvider, violation: Violation, staleMs: number): void {
    if (stats.violationLog.length >= 20) return;
    const doubt = violation.certain ? "" : ` (uncertain: read up to ${staleMs.toFixed(1)} ms late)`;
    stats.violationLog.push(`${provider}: ${violation.rule}${doubt}`);
  }

  function injected(fault: Fault, provider: SimProvider, res: ServerResponse): Canned | null {
    if (fault.kind === "down") {
      res.socket?.destroy();
      return null;
    }
    if (fault.kind === "timeout") {
      hanging.add(res);
      return null;
    }
    if (fault.kind === "rate_limited" || fault.status === 503 || fault.status === 429)
      return rateLimited(provider);
    const status = fault.status ?? 500;

    return {
      status,
      headers: { "Content-Type": "text/html" },
      body: `<html>${status} injected</html>`,
    };
  }

  function control(req: IncomingMessage, url: URL, body: string): Canned {
    const ok = (value: unknown): Canned => ({ status: 200, headers: {}, body: value });
    if (url.pathname === "/__sim/stats") return ok(stats);
    if (url.pathname === "/__sim/reset" && req.method === "POST") {
      api.reset();
      return ok({ reset: true });
    }
    if (url.pathname === "/__sim/faults" && req.method === "POST") {
      const fault = JSON.parse(body || "{}") as Fault & { spotifyDevMode?: boolean };
      if (fault.spotifyDevMode !== undefined) spotify.devMode = fault.spotifyDevMode;
      else api.addFault(fault);
      return ok({ faults: faults.list() });
    }
    if (url.pathname === "/__sim/faults") return ok({ faults: faults.list() });

    return { status: 404, headers: {}, body: { error: "unknown control path" } };
  }

  const server: Server = createServer((req, res) => {
    // Stamped as soon as the request is parsed, before its body (if any) has been read: in the
    // same turn as the read of its bytes, so only a stall of the loop can make it late.
    const arrivedAt = performance.now();
    const earliest = watch.earliestOn(req.socket, arrivedAt);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      route(req, res, Buffer.concat(chunks).toString("utf8"), arrivedAt, earliest)
        .then((answer) => answer && send(res, answer))
        .catch((err: Error) =>
          send(res, { status: 500, headers: {}, body: { error: err.message } }),
        );
    });
  });
  // A connection made during a stall is read turns after it ends; the watch keeps the stall for it.
  server.on("connection", (socket) => watch.accepted(socket, performance.now()));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const api: Simulator = {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => structuredClone(stats),
    addFault(fault) {
      if (fault.kind === "token_expired") spotify.expireAll();
      else faults.add(fault);
    },
    setSpotifyDevMode(on) {
      spotify.devMode = on;
    },
    reset() {
      watch.resetFigures();
      stats = freshStats();
      windows = freshWindows(scale);
      lastSeen = {};
      faults.clear();
    },
    async close() {
      watch.stop();
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  return api;
}

function freshWindows(scale: number): Record<SimProvider, RateWindow> {
  const make = (p: SimProvider) => {
    const limit = scaledLimit(p, scale);
    return new RateWindow(limit.windows, limit.minGapMs);
  };

  return { musicbrainz: make("musicbrainz"), lastfm: make("lastfm"), spotify: make("spotify") };
}

function providerOf(pathname: string): SimProvider | null {
  if (pathname.startsWith("/ws/2/")) return "musicbrainz";
  if (pathname.startsWith("/2.0")) return "lastfm";
  if (pathname.startsWith("/v1/")) return "spotify";

  return null;
}

function send(res: ServerResponse, answer: Canned): void {
  const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, { "Content-Type": "application/json", ...answer.headers });
  res.end(text);
}
