import http from "node:http";

export interface LoadResult {
  latenciesMs: number[];
  errors: number;
  seconds: number;
}

/** One POST with a JSON body on a keep-alive agent; resolves with the status code. */
function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * A closed loop of `clients` callers, each sending its next request when the last answered,
 * until `requests` were sent or `seconds` passed. Loopback only: the URL is the caller's.
 */
export async function runLoad(options: {
  url: URL;
  body: () => string;
  headers?: Record<string, string>;
  clients: number;
  requests?: number;
  seconds?: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const latenciesMs: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + (options.seconds ?? 3_600) * 1000;
  const more = () =>
    (options.requests === undefined || sent < options.requests) && performance.now() < deadline;

  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (more()) {
        sent += 1;
        const t0 = performance.now();
        const status = await post(agent, options.url, options.body(), options.headers ?? {}).catch(
          () => 0,
        );
        latenciesMs.push(performance.now() - t0);
        if (status < 200 || status >= 300) errors += 1;
      }
    }),
  );
  agent.destroy();

  return { latenciesMs, errors, seconds: (performance.now() - started) / 1000 };
}
