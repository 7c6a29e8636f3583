// POST /api/jobs against a running Roadie, versus /api/bench/bare-send (a route that only calls
// pg-boss send; the server must run with ROADIE_BENCH=1) in the same run.
//   BENCH_BASE_URL=http://127.0.0.1:3100 BENCH_TOKEN=<api token> \
//     node --import tsx bench/enqueue-http.ts [--requests 500] [--seconds 30] [--clients 10]
// Jobs are scheduled a day ahead so no runner works them during the measurement.
import { parseArgs } from "node:util";

import { runLoad } from "./lib/http-load";
import { report, summarize } from "./lib/stats";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "500" },
    seconds: { type: "string", default: "30" },
    clients: { type: "string", default: "10" },
  },
});
const base = process.env.BENCH_BASE_URL ?? "http://127.0.0.1:3000";
const token = process.env.BENCH_TOKEN;
if (!token) throw new Error("Set BENCH_TOKEN to an API token of the running Roadie.");
if (!/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) {
  throw new Error("BENCH_BASE_URL must be a loopback address.");
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

async function measure(target: (typeof targets)[keyof typeof targets]) {
  await runLoad({ ...target, clients: 1, requests: 50 });
  const single = await runLoad({ ...target, clients: 1, requests: Number(values.requests) });
  const many = await runLoad({
    ...target,
    clients: Number(values.clients),
    seconds: Number(values.seconds),
  });

  return {
    single: summarize(single.latenciesMs),
    many: { ...summarize(many.latenciesMs), rps: many.latenciesMs.length / many.seconds },
    errors: single.errors + many.errors,
  };
}

const bare = await measure(targets.bare);
const enqueue = await measure(targets.enqueue);
report("enqueue 1 client p50", enqueue.single.p50, bare.single.p50, "ms", "bare-send route");
report("enqueue 1 client p99", enqueue.single.p99, bare.single.p99, "ms");
report(`enqueue ${values.clients} clients throughput`, enqueue.many.rps, bare.many.rps, "req/s");
report(
  `enqueue ${values.clients} clients p99`,
  enqueue.many.p99,
  bare.many.p99,
  "ms",
  `errors ${enqueue.errors}/${bare.errors}`,
);
