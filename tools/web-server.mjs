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

const errorBody = (code, message) => JSON.stringify({ error: { code, message } });

function answer(res, status, body, headers = {}) {
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/** Whether Roadie answers this request at all; if not, it is answered here. */
function refused(req, res) {
  const method = req.method ?? "";
  if (!METHODS.includes(method)) {
    const message = `${method.slice(0, 32)} is not allowed; Roadie answers ${allow}.`;
    answer(res, 405, errorBody("method_not_allowed", message), { allow });
    return true;
  }
  // "OPTIONS *" asks about the server as a whole; any other target but a path (a proxy's
  // absolute URL) is not Roadie's, and Next.js failed on it with a 500.
  if (!req.url?.startsWith("/")) {
    if (method === "OPTIONS" && req.url === "*") res.writeHead(204, { allow }).end();
    else answer(res, 400, errorBody("bad_request", "The request target must be a path."));
    return true;
  }
  return false;
}

/**
 * Nothing on this port switches protocols: live updates go through Soketi, on its own port.
 * Left to Next.js, an upgrade it had no handler for kept its socket open for good (a client
 * could use up the process's files, and a SIGTERM waited for them forever).
 */
function refuseUpgrade(req, socket) {
  socket.on("error", () => {});
  const body = errorBody("bad_request", "This server does not switch protocols.");
  socket.end(
    "HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-type: application/json\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), 1_000).unref();
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (refused(req, res)) return;
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
// With a listener, Node hands every upgrade to the "upgrade" event rather than to the handler
// above. Next.js adds a listener of its own to the server its requests arrive on; emit sends
// upgrades to ours alone.
server.on("upgrade", refuseUpgrade);
const emit = server.emit.bind(server);
server.emit = (event, ...args) =>
  event === "upgrade" ? (refuseUpgrade(...args), true) : emit(event, ...args);
server.listen(port, hostname, () => {
  console.log(`web server ready on ${hostname ?? "every interface"}, port ${port}`);
});

// Stops taking connections and lets requests in flight finish, for up to 10 s: a connection
// is closed as soon as its last response is sent, and whatever is left at 10 s is cut.
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const closed = new Promise((resolve) => server.close(resolve));
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const late = setTimeout(() => server.closeAllConnections(), 10_000);
  const gone = new Promise((resolve) => setTimeout(resolve, 11_000).unref());
  await Promise.race([closed, gone]);
  clearInterval(idle);
  clearTimeout(late);
  await Promise.race([app.close().catch(() => {}), gone]);
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
