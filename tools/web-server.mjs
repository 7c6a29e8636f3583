// The production web process: Next.js's request handler behind an HTTP server of ours, which
// answers the methods Next.js cannot take. Next.js turns each request into a fetch Request, and
// the fetch standard forbids TRACE and TRACK: `next start` answered them with a 500 and a
// stack trace in the log, before any route or proxy of ours ran, for anyone who could reach
// the port. Plain JavaScript, so it runs on the built app without tsx.
//   node tools/web-server.mjs --port 3000 [--hostname 127.0.0.1]
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    hostname: { type: "string" },
  },
});
const port = Number(values.port);
const hostname = values.hostname;
// As `next start` does; Next.js reads it when it loads.
process.env.NODE_ENV ??= "production";
const { default: next } = await import("next");

/** Every method a Roadie route may answer; a route refuses the ones it lacks itself. */
const METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
const allow = METHODS.join(", ");

function refuse(req, res) {
  const body = JSON.stringify({
    error: {
      code: "method_not_allowed",
      message: `${String(req.method).slice(0, 32)} is not allowed; Roadie answers ${allow}.`,
    },
  });
  res.writeHead(405, {
    allow,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!METHODS.includes(req.method ?? "")) {
    refuse(req, res);
    return;
  }
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(port, hostname, () => {
  console.log(`web server ready on ${hostname ?? "every interface"}, port ${port}`);
});

// Stops taking connections and lets requests in flight finish, for up to 10 s.
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  const late = setTimeout(() => server.closeAllConnections(), 10_000);
  late.unref();
  await closed;
  await app.close().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
