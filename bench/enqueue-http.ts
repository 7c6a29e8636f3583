// POST /api/jobs, the full path (token auth, validation, row, first event and pg-boss entry in
// one transaction, the "queued" event to Soketi), versus /api/bench/bare-send (a route that only
// calls pg-boss send) on the same server in the same run.
//   node --import tsx bench/enqueue-http.ts [--requests 1000] [--seconds 30] [--clients 10] [--rounds 5]
//     [--port 3500] [--pusher-port 6501] [--no-build] [--only enqueue|bare]
//     [--backlog 10000 [--running 10]]
// starts a stack of its own (bench/lib/bench-stack.ts); against one already running with
// ROADIE_BENCH=1 instead:
//   BENCH_BASE_URL=http://127.0.0.1:3100 BENCH_TOKEN=<api token> node --import tsx bench/enqueue-http.ts
// Jobs are scheduled a day ahead so no runner works them during the measurement.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { bossSql, queryRows } from "../lib/jobs/sql";
import { createSenderBoss } from "../lib/queue/boss";
import { NullJobEventSink } from "../lib/realtime/job-event-publisher";
import { claimRunning, fillQueued } from "./lib/backlog";
import { cpuSplit } from "./lib/bench-database";
import { type BenchStack, createBenchToken, startBenchStack } from "./lib/bench-stack";
import { runLoad } from "./lib/http-load";
import { groupCpuMs } from "./lib/process-cpu";
import { report, summarize } from "./lib/stats";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "1000" },
    seconds: { type: "string", default: "30" },
    clients: { type: "string", default: "10" },
    rounds: { type: "string", default: "5" },
    port: { type: "string", default: "3500" },
    "pusher-port": { type: "string", default: "6501" },
    "no-build": { type: "boolean", default: false },
    // Load one side only, e.g. to profile it (BENCH_WEB_CPU_PROF); no ratios are printed then.
    only: { type: "string" },
    // Measure beside a backlog: this many runnable jobs queued and --running claimed, on a
    // stack without a runner so the backlog stays as it is.
    backlog: { type: "string", default: "0" },
    running: { type: "string", default: "10" },
  },
});
const backlog = Number(values.backlog);

let stack: BenchStack | undefined;
let traceDir: string | undefined;
let base = process.env.BENCH_BASE_URL;
let token = process.env.BENCH_TOKEN;
if (base) {
  if (!token) throw new Error("Set BENCH_TOKEN to an API token of the Roadie at BENCH_BASE_URL.");
  if (!/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) {
    throw new Error("BENCH_BASE_URL must be a loopback address.");
  }
} else {
  traceDir = mkdtempSync(path.join(os.tmpdir(), "roadie-enqueue-"));
  stack = await startBenchStack({
    port: Number(values.port),
    pusherPort: Number(values["pusher-port"]),
    traceFile: path.join(traceDir, "trace.jsonl"),
    build: !values["no-build"],
    runner: backlog === 0,
  });
  base = stack.baseUrl;
  token = await createBenchToken(base);
  if (backlog > 0) console.log(JSON.stringify(await makeBacklog(stack.databaseUrl)));
}

/** Fills the stack's database with the backlog, as the bench token's user. */
async function makeBacklog(url: string) {
  const boss = createSenderBoss(url);
  await boss.start();
  try {
    const services = { boss, events: new NullJobEventSink() };
    const [user] = await queryRows<{ id: string; name: string; email: string }>(
      bossSql(boss),
      `SELECT id, name, email FROM "user" ORDER BY "createdAt" LIMIT 1`,
    );
    if (!user) throw new Error("The bench stack has no user.");
    const actor = {
      userId: user.id,
      name: user.name,
      email: user.email,
      role: "admin",
      via: "token",
    } as const;
    const fillMs = await fillQueued(services, actor, backlog);
    const running = await claimRunning(services, url, Number(values.running));
    await bossSql(boss).executeSql("ANALYZE");

    return { backlog: { queued: backlog - running, running, fillMs: Math.round(fillMs) } };
  } finally {
    await boss.stop({ graceful: false });
  }
}

const targets = {
  enqueue: {
    url: new URL("/api/jobs", base),
    headers: { authorization: `Bearer ${token}` },
    body: () =>
      JSON.stringify({
        type: "self_test",
        payload: { steps: 0, label: "bench" },
        runAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
  },
  bare: { url: new URL("/api/bench/bare-send", base), headers: {}, body: () => "{}" },
};

type Target = (typeof targets)[keyof typeof targets];

/** Latencies, time taken and CPU used per process, pooled over the rounds of one target. */
interface Pooled {
  latenciesMs: number[];
  errors: number;
  seconds: number;
  cpuMs: Record<string, number>;
}

/** CPU used so far by each process of our own stack, PostgreSQL, and this load generator. */
const cpuNow = (): Record<string, number> => {
  if (!stack) return {};
  const { self, postgres } = cpuSplit();

  return { ...groupCpuMs(stack.groups()), postgres, "load generator": self };
};

const pool = (into: Pooled, load: Awaited<ReturnType<typeof runLoad>>) => {
  into.latenciesMs.push(...load.latenciesMs);
  into.errors += load.errors;
  into.seconds += load.seconds;
};
const empty = (): Pooled => ({ latenciesMs: [], errors: 0, seconds: 0, cpuMs: {} });

/** Runs a load and adds the CPU each process spent meanwhile to the pool. */
async function pooledLoad(into: Pooled, options: Parameters<typeof runLoad>[0]) {
  const before = cpuNow();
  const load = await runLoad(options);
  const after = cpuNow();
  for (const [name, used] of Object.entries(after)) {
    into.cpuMs[name] = (into.cpuMs[name] ?? 0) + used - (before[name] ?? 0);
  }
  pool(into, load);
}

const sides = (["bare", "enqueue"] as const).filter((side) => !values.only || values.only === side);
if (sides.length === 0) throw new Error("--only takes enqueue or bare.");

/**
 * The two targets take turns in rounds, so drift on a shared machine (other work, a growing
 * queue table, autovacuum) weighs on both alike instead of on whichever ran second.
 */
async function measure(rounds: number) {
  const single = { bare: empty(), enqueue: empty() };
  const many = { bare: empty(), enqueue: empty() };
  const requests = Math.ceil(Number(values.requests) / rounds);
  const seconds = Number(values.seconds) / rounds;
  for (const side of sides) await runLoad({ ...targets[side], clients: 1, requests: 50 });
  for (let round = 0; round < rounds; round += 1) {
    for (const name of sides) {
      const target: Target = targets[name];
      pool(single[name], await runLoad({ ...target, clients: 1, requests }));
      await pooledLoad(many[name], { ...target, clients: Number(values.clients), seconds });
    }
  }

  return { single, many };
}

console.log(
  `load average at start: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
const { single, many } = await measure(Number(values.rounds));
if (values.only) {
  const side = values.only as (typeof sides)[number];
  const load = summarize(many[side].latenciesMs);
  console.log(
    `${side} only, ${values.clients} clients: ${(many[side].latenciesMs.length / many[side].seconds).toFixed(1)} req/s, p99 ${load.p99.toFixed(2)} ms`,
  );
  await stack?.stop();
  process.exit(0);
}
const one = {
  bare: summarize(single.bare.latenciesMs),
  enqueue: summarize(single.enqueue.latenciesMs),
};
const ten = {
  bare: summarize(many.bare.latenciesMs),
  enqueue: summarize(many.enqueue.latenciesMs),
};
const rps = (p: Pooled) => p.latenciesMs.length / p.seconds;
report("enqueue 1 client p50", one.enqueue.p50, one.bare.p50, "ms", "bare-send route");
report("enqueue 1 client p99", one.enqueue.p99, one.bare.p99, "ms", `n ${one.enqueue.n}`);
report(`enqueue ${values.clients} clients throughput`, rps(many.enqueue), rps(many.bare), "req/s");
report(
  `enqueue ${values.clients} clients p99`,
  ten.enqueue.p99,
  ten.bare.p99,
  "ms",
  `errors ${single.enqueue.errors + many.enqueue.errors}/${single.bare.errors + many.bare.errors}`,
);
for (const name of Object.keys(many.enqueue.cpuMs)) {
  if (name === "build") continue;
  const perRequest = (p: Pooled) => (p.cpuMs[name] ?? 0) / p.latenciesMs.length;
  report(`CPU per request, ${name}`, perRequest(many.enqueue), perRequest(many.bare), "ms");
}

console.log(
  `load average at end: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
await stack?.stop();
if (traceDir) rmSync(traceDir, { recursive: true, force: true });
