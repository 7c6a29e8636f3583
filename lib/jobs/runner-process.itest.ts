// The runner as operators run it: a separate process, stopped with SIGTERM or killed.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "../auth/actor";
import { enqueueJob } from "./enqueue-job";
import { getJobDetail } from "./job-queries";
import { createJobsKit, type JobsKit } from "./jobs-test-kit";
import { bossSql, queryRows } from "./sql";

const ROOT = path.resolve(import.meta.dirname, "../..");

function spawnRunner(url: string, drainSeconds: number): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "test",
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: url,
    RUNNER_DRAIN_SECONDS: String(drainSeconds),
    LOG_LEVEL: "warn",
    ROADIE_SERVICE: "runner",
  };

  return spawn(process.execPath, ["--import", "tsx", "jobs/runner.ts"], {
    cwd: ROOT,
    env,
    stdio: "ignore",
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

describe("runner process", () => {
  let kit: JobsKit;
  let actor: Actor;

  beforeAll(async () => {
    kit = await createJobsKit();
    actor = await kit.createActor();
  });

  afterAll(async () => {
    await kit.close();
  });

  const enqueue = (payload: Record<string, unknown>) =>
    enqueueJob(kit.services, actor, { type: "self_test", payload, priority: "normal", tags: [] });

  it("drains on SIGTERM: finishes short jobs, releases long ones, exits 0", async () => {
    const child = spawnRunner(kit.database.url, 2);
    const exited = exitOf(child);
    const short = await enqueue({ steps: 8, stepMs: 100 });
    const long = await enqueue({ steps: 200, stepMs: 100 });
    await kit.waitForJob(long.id, (r) => r.status === "processing", 20_000);
    await kit.waitForJob(short.id, (r) => r.status === "processing");

    child.kill("SIGTERM");
    const { code } = await exited;

    expect(code).toBe(0);
    expect((await kit.job(short.id)).status).toBe("completed");
    const released = await kit.job(long.id);
    expect(released.status).toBe("queued");
    const detail = await getJobDetail(bossSql(kit.services.boss), actor, long.id);
    expect(detail.attempts[0]?.outcome).toBe("released");
    const [boss] = await kit.services.boss.findJobs("self_test", { id: long.id });
    expect(boss?.state).toBe("created");
    await cancelQuietly(long.id);
  }, 40_000);

  it("recovers after SIGKILL: another runner completes the job within 30 s", async () => {
    const child = spawnRunner(kit.database.url, 2);
    const exited = exitOf(child);
    const job = await enqueue({ steps: 20, stepMs: 100 });
    await kit.waitForJob(job.id, (r) => r.status === "processing", 20_000);
    await kit.startRunner({ supervise: true });

    const killedAt = Date.now();
    child.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");
    const row = await kit.waitForJob(job.id, (r) => r.status === "completed", 35_000);

    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect(row.attempt).toBe(2);
    const detail = await getJobDetail(bossSql(kit.services.boss), actor, job.id);
    expect(detail.attempts.map((a) => a.outcome)).toEqual(["expired", "completed"]);
    // The lost attempt is recorded as over by the time the next began, not when that was noticed.
    const [lost, next] = detail.attempts;
    expect(Date.parse(lost!.finishedAt!)).toBeLessThanOrEqual(Date.parse(next!.startedAt));
    const stuck = await queryRows(
      bossSql(kit.services.boss),
      `SELECT id FROM job WHERE status = 'processing'`,
    );
    expect(stuck).toEqual([]);
  }, 60_000);

  async function cancelQuietly(id: string) {
    await bossSql(kit.services.boss).executeSql(
      `UPDATE job SET status = 'cancelled' WHERE id = $1`,
      [id],
    );
    await kit.services.boss.cancel("self_test", id);
  }
});
