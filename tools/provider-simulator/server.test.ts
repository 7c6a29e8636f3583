import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";

import { afterEach, expect, it } from "vitest";

import { REPO_FIXTURES } from "../../lib/providers/test-config";
import { startSimulator, type Simulator } from "./server";

// Twenty times faster than real: MusicBrainz requests must be 25 ms apart, and no three may
// fall within 75 ms.
const RATE_SCALE = 20;
const REQUESTS = 4;
const SPACING_MS = 40;

// Sends the requests from a thread of its own, so they leave while the simulator's thread is
// held; each on a new connection, as a client does while its earlier requests are unanswered.
// Counts every request handed to the kernel in shared memory.
const CLIENT = `
const http = require("node:http");
const { workerData } = require("node:worker_threads");
const sent = new Int32Array(workerData.sent);
(async () => {
  for (let i = 0; i < workerData.count; i++) {
    const req = http.get(
      { host: "127.0.0.1", port: workerData.port, path: "/ws/2/artist?query=x&fmt=json", agent: false,
        headers: { "User-Agent": "Roadie/0.0.0-test ( https://example.invalid/tests )" } },
      (res) => res.resume(),
    );
    req.on("error", () => {});
    req.on("finish", () => Atomics.add(sent, 0, 1));
    await new Promise((resolve) => setTimeout(resolve, workerData.spacingMs));
  }
})();
`;

/** Holds this thread (the simulator's) until `until` says so, as a starved process would be. */
function holdUntil(until: () => boolean, maxMs: number): void {
  const deadline = performance.now() + maxMs;
  while (!until() && performance.now() < deadline) {
    // Busy on purpose: the event loop must not run.
  }
}

let sim: Simulator | undefined;
let client: Worker | undefined;
afterEach(async () => {
  await client?.terminate();
  await sim?.close();
});

it("never calls requests certain violations when a stall of its own read them back to back", async () => {
  sim = await startSimulator({ fixturesDir: REPO_FIXTURES, rateScale: RATE_SCALE });
  await sleep(20);
  const sent = new Int32Array(new SharedArrayBuffer(4));
  client = new Worker(CLIENT, {
    eval: true,
    workerData: { port: sim.port, count: REQUESTS, spacingMs: SPACING_MS, sent: sent.buffer },
  });
  holdUntil(() => Atomics.load(sent, 0) === REQUESTS, 10_000);
  holdUntil(() => false, 20);
  expect(Atomics.load(sent, 0)).toBe(REQUESTS);

  const deadline = performance.now() + 5_000;
  while (sim.stats().requests.musicbrainz < REQUESTS && performance.now() < deadline) {
    await sleep(5);
  }
  const stats = sim.stats();

  // Sent 40 ms apart, which keeps every rule, but read within a few ms of each other.
  expect(stats.requests.musicbrainz).toBe(REQUESTS);
  expect(stats.minGapMs.musicbrainz).toBeLessThan(25);
  expect(stats.violations.musicbrainz).toBe(0);
  expect(stats.uncertainViolations.musicbrainz).toBeGreaterThan(0);
});
