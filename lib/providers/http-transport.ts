import http from "node:http";
import https from "node:https";

import { trace, tracing } from "./pacing-trace";

/** What the transport hands back: status, headers and the whole body as text. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface RawRequest {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Called once the request has been handed to the operating system (or has failed). */
  onSent?: () => void;
}

const agents = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
};

/**
 * One HTTP exchange on node:http(s). Used instead of fetch because pacing needs to know when a
 * request has actually left the process ("finish"), which fetch does not tell: the shared pace
 * measures the next start from that moment, not from when the start was granted.
 */
let traced = 0;

export function sendRaw(req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.url);
  const secure = url.protocol === "https:";
  const traceId = tracing ? `${process.pid}-${++traced}` : undefined;
  const headers = traceId ? { ...req.headers, "x-roadie-trace": traceId } : req.headers;
  let sentCalled = false;
  const sent = () => {
    if (sentCalled) return;
    sentCalled = true;
    trace("sent", { traceId, path: url.pathname });
    req.onSent?.();
  };

  return new Promise<RawResponse>((resolve, reject) => {
    const fail = (err: unknown) => {
      sent();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const request = (secure ? https : http).request(
      url,
      {
        method: req.method,
        headers,
        agent: secure ? agents.https : agents.http,
        signal: req.signal,
      },
      (res) => {
        sent();
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", fail);
        res.on("end", () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: toHeaders(res.headers),
            text: Buffer.concat(chunks).toString("utf8"),
          });
        });
      },
    );
    request.on("finish", sent);
    request.on("error", fail);
    trace("end", { traceId, path: url.pathname });
    request.end(req.body);
  });
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }

  return headers;
}
