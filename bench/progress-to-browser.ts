// Time from a handler's progress() call to the dashboard's progress bar showing it, through the
// whole stack (runner -> PostgreSQL -> Soketi -> pusher-js -> TanStack cache -> React -> DOM) in
// headless Chromium. Reference, same run and page: a bare event published with the `pusher`
// library reaching a pusher-js client. Target: p95 <= 100 ms.
//   node --import tsx bench/progress-to-browser.ts [--jobs 8] [--steps 20] [--step-ms 250]
//     [--port 3500] [--pusher-port 6501] [--no-build] [--hold <token file>]
// --hold keeps the stack up afterwards (the browser closed), writes an API token to the file
// and waits for SIGINT/SIGTERM: bench/enqueue-http.ts can then run against it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { type Browser, chromium, type Page } from "playwright";
import Pusher from "pusher";

import { CHROMIUM } from "../e2e/support/chromium";
import { sleep } from "./lib/bench-database";
import { type BenchStack, startBenchStack } from "./lib/bench-stack";
import { installProbe, type ProbeRecords, startReferenceClient } from "./lib/browser-probe";
import { between, finished, joinSteps, readTrace, spread } from "./lib/progress-trace";
import { report } from "./lib/stats";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "8" },
    steps: { type: "string", default: "20" },
    "step-ms": { type: "string", default: "250" },
    port: { type: "string", default: "3500" },
    "pusher-port": { type: "string", default: "6501" },
    "no-build": { type: "boolean", default: false },
    hold: { type: "string" },
  },
});
const PUSHER_JS = path.resolve(
  import.meta.dirname,
  "../node_modules/pusher-js/dist/web/pusher.min.js",
);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

/** First-run setup through the API (the page's context keeps the session), then an API token. */
async function signIn(page: Page, baseUrl: string): Promise<string> {
  const headers = { origin: baseUrl };
  const admin = { name: "Bench Admin", email: "bench@bench.test", password: "bench-password-1" };
  const setup = await page.request.post("/api/auth/setup", { data: admin, headers });
  if (setup.status() !== 201) throw new Error(`setup answered ${setup.status()}`);
  const token = await page.request.post("/api/tokens", { data: { name: "bench" }, headers });
  if (token.status() !== 201) throw new Error(`token answered ${token.status()}`);

  return ((await token.json()) as { secret: string }).secret;
}

async function probeOf(page: Page): Promise<ProbeRecords> {
  return page.evaluate(() => (window as unknown as { benchProbe: ProbeRecords }).benchProbe);
}

async function openDashboard(page: Page, stack: BenchStack) {
  await page.goto("/jobs");
  const deadline = Date.now() + 30_000;
  while ((await probeOf(page)).subscriptions === 0) {
    if (Date.now() > deadline) throw new Error("the dashboard never subscribed to its channels");
    await sleep(200);
  }
  await page.addScriptTag({ path: PUSHER_JS });
  await page.evaluate(startReferenceClient, { key: stack.pusher.key, port: stack.pusher.port });
}

/** Publishes bare reference events every `everyMs` until stopped. */
function pingLoop(stack: BenchStack, everyMs: number) {
  const client = new Pusher({
    ...stack.pusher,
    port: String(stack.pusher.port),
    host: "127.0.0.1",
    useTLS: false,
    agent: new http.Agent({ keepAlive: true, maxSockets: 4 }),
  });
  let running = true;
  const done = (async () => {
    while (running) {
      await client.trigger("bench-reference", "ping", { sentAt: Date.now() });
      await sleep(everyMs);
    }
  })();

  return async () => {
    running = false;
    await done;
  };
}

async function enqueue(stack: BenchStack, token: string, label: string): Promise<string> {
  const steps = Number(values.steps);
  const res = await fetch(`${stack.baseUrl}/api/jobs`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      type: "self_test",
      payload: { steps, stepMs: Number(values["step-ms"]), label },
    }),
  });
  if (res.status !== 202) throw new Error(`enqueue answered ${res.status}`);

  return ((await res.json()) as { job: { id: string } }).job.id;
}

/** Runs the jobs one after another while the reference pings; returns label by job id. */
async function runJobs(stack: BenchStack, token: string, traceFile: string) {
  const labels = new Map<string, string>();
  const stopPings = pingLoop(stack, Number(values["step-ms"]));
  const tag = Date.now().toString(36);
  for (let i = 0; i < Number(values.jobs); i += 1) {
    const label = `bench ${tag} ${i}`;
    const id = await enqueue(stack, token, label);
    labels.set(id, label);
    const deadline = Date.now() + 120_000;
    while (!finished(readTrace(traceFile), id)) {
      if (Date.now() > deadline) throw new Error(`job ${id} did not finish`);
      await sleep(200);
    }
    // Lets the final update reach the DOM before the next job starts.
    await sleep(500);
  }
  await stopPings();

  return labels;
}

function print(probe: ProbeRecords, traceFile: string, labels: Map<string, string>) {
  const steps = joinSteps(readTrace(traceFile), probe, labels);
  const counted = steps.filter((s) => !s.beforeCard);
  const figure = spread(between(counted, "report", "dom"));
  const reference = spread(probe.reference.map((r) => r.t - r.sentAt));
  const note = `${figure.n} steps of ${steps.length} reports`;
  report("progress report -> DOM p50", figure.p50, reference.p50, "ms", "bare pusher -> pusher-js");
  report("progress report -> DOM p95", figure.p95, reference.p95, "ms", "target p95 <= 100 ms");
  report("progress report -> DOM max", figure.max, reference.max, "ms", note);
  const missing = counted.filter((s) => s.dom === undefined).length;
  const legs = {
    "report -> publish (coalescer + row write)": between(counted, "report", "publish"),
    "publish -> sent (publisher queue)": between(counted, "publish", "sent"),
    "sent -> Soketi answered": between(counted, "sent", "acked"),
    "sent -> page socket": between(counted, "sent", "wire"),
    "page socket -> DOM (pusher-js, cache, React)": between(counted, "wire", "dom"),
  };
  for (const [leg, times] of Object.entries(legs)) {
    console.log(`  ${leg}: ${JSON.stringify(spread(times))}`);
  }
  console.log(
    `  steps never shown: ${missing}; reported before the card appeared (left out): ` +
      `${steps.length - counted.length}; reference events: ${reference.n}`,
  );
}

async function hold(stack: BenchStack, token: string, file: string) {
  writeFileSync(file, token, { mode: 0o600 });
  console.log(`holding: BENCH_BASE_URL=${stack.baseUrl} BENCH_TOKEN=$(cat ${file})`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "roadie-progress-"));
  const traceFile = path.join(dir, "trace.jsonl");
  console.log(`load before: ${load()}`);
  const stack = await startBenchStack({
    port: Number(values.port),
    pusherPort: Number(values["pusher-port"]),
    traceFile,
    build: !values["no-build"],
  });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch(CHROMIUM);
    const context = await browser.newContext({ baseURL: stack.baseUrl });
    // tsx compiles with keepNames: functions serialized into the page call its __name helper.
    await context.addInitScript("globalThis.__name ??= (fn) => fn;");
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    const token = await signIn(page, stack.baseUrl);
    await openDashboard(page, stack);
    console.log(`load at start of measurement: ${load()}`);
    const labels = await runJobs(stack, token, traceFile);
    console.log(`load at end of measurement: ${load()}`);
    print(await probeOf(page), traceFile, labels);
    await browser.close();
    browser = undefined;
    if (values.hold) await hold(stack, token, values.hold);
  } finally {
    await browser?.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
