import { sendRaw } from "./http-transport";
import { type ProviderName, ProviderError } from "./provider-error";

/** One HTTP answer with its body already read; JSON parsed when it parses. */
export interface HttpResult {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

export interface HttpRequest {
  provider: ProviderName;
  url: string;
  method?: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The caller's signal (job cancelled or expired); aborting it rejects with its reason. */
  signal?: AbortSignal;
  /** Replaces the built-in transport (tests); `onSent` then fires when the answer arrives. */
  fetchImpl?: typeof fetch;
  /** Called once the request has left the process; pacing measures the next start from it. */
  onSent?: () => void;
}

/**
 * Sends one request with a timeout and reads the whole body. Network failures become
 * `unavailable`, the timeout becomes `timeout`; a caller's abort propagates unchanged so that
 * cancellation is never mistaken for a provider problem. HTTP statuses are left to the client:
 * each provider signals errors differently (Last.fm even inside a 200).
 */
export async function sendRequest(req: HttpRequest): Promise<HttpResult> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  try {
    const { status, headers, text } = await exchange(req, signal);

    return { status, headers, json: parseJson(text), text };
  } catch (err) {
    req.signal?.throwIfAborted();
    if (timeout.aborted) {
      throw new ProviderError(
        req.provider,
        "timeout",
        `${req.provider}: no answer within ${req.timeoutMs} ms`,
        {
          cause: err,
        },
      );
    }

    throw new ProviderError(req.provider, "unavailable", `${req.provider}: ${describe(err)}`, {
      cause: err,
    });
  }
}

async function exchange(req: HttpRequest, signal: AbortSignal) {
  const method = req.method ?? "GET";
  if (!req.fetchImpl) {
    return sendRaw({
      url: req.url,
      method,
      headers: req.headers,
      body: req.body,
      signal,
      onSent: req.onSent,
    });
  }
  try {
    const response = await req.fetchImpl(req.url, {
      method,
      headers: req.headers,
      body: req.body,
      signal,
    });

    return { status: response.status, headers: response.headers, text: await response.text() };
  } finally {
    req.onSent?.();
  }
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Edge proxies answer some errors with HTML; callers treat a null body as "no details".
    return null;
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : "";
    return `${err.message}${cause}`;
  }

  return String(err);
}

/**
 * Retry-After in milliseconds, divided by the rate scale (tests run every duration faster).
 * Accepts delta-seconds (Spotify, MusicBrainz) and HTTP dates; undefined when absent.
 */
export function retryAfterMs(headers: Headers, rateScale: number): number | undefined {
  const raw = headers.get("retry-after");
  if (!raw) return undefined;

  const seconds = Number(raw);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(raw) - Date.now();
  if (!Number.isFinite(ms) || ms < 0) return undefined;

  return ms / rateScale;
}

/** Error kind for an HTTP status that the provider did not explain further. */
export function kindForStatus(status: number): ProviderError["kind"] {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";

  return "bad_request";
}
