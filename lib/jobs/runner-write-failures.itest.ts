import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "../auth/actor";
import { enqueueJob } from "./enqueue-job";
import { getJobDetail } from "./job-queries";
import { createJobsKit, type JobsKit } from "./jobs-test-kit";
import { bossSql } from "./sql";

describe("a runner whose write of an attempt's outcome fails", () => {
  let kit: JobsKit;
  let actor: Actor;

  beforeAll(async () => {
    kit = await createJobsKit();
    actor = await kit.createActor();
  });

  afterAll(async () => {
    await kit.close();
  });

  /**
   * Makes PostgreSQL refuse the first `times` writes (`on`, such as "INSERT ON job_attempt")
   * of rows matching `when`. A sequence counts them: it is not rolled back with the statement
   * it fails, so the write after those passes.
   */
  async function refuseWrites(name: string, on: string, when: string, times: number) {
    const sql = bossSql(kit.services.boss);
    await sql.executeSql(`CREATE SEQUENCE ${name}`);
    await sql.executeSql(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF ${when} AND nextval('${name}') <= ${times} THEN
           RAISE EXCEPTION 'write refused for the test';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await sql.executeSql(
      `CREATE TRIGGER ${name} BEFORE ${on} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    );
  }

  it("writes it again, while pg-boss settles each job of the batch once", async () => {
    const sql = bossSql(kit.services.boss);
    const enqueue = (payload: Record<string, unknown>) =>
      enqueueJob(kit.services, actor, { type: "self_test", payload, priority: "normal", tags: [] });
    const quick = await enqueue({ steps: 0 });
    const slow = await enqueue({ steps: 1, stepMs: 1_500 });
    // The quick job's first attempt row cannot be written, once.
    await refuseWrites("refuse_once", "INSERT ON job_attempt", `NEW."jobId" = '${quick.id}'`, 1);

    // Both jobs are waiting before the runner starts, so they are claimed as one batch.
    await kit.startRunner({ workOverrides: { batchSize: 2, localConcurrency: 1 } });

    await kit.waitForJob(quick.id, (r) => r.status === "completed");
    await kit.waitForJob(slow.id, (r) => r.status === "completed");
    // Both ran once, under their first claim: pg-boss settled the quick job while its row was
    // written again, and the slow one finished where it ran.
    const { rows } = await sql.executeSql(
      `SELECT id, retry_count AS "retryCount" FROM pgboss.job WHERE id = ANY($1::uuid[])`,
      [[quick.id, slow.id]],
    );
    const retries = new Map(
      rows.map((r: { id: string; retryCount: number }) => [r.id, r.retryCount]),
    );
    expect(retries.get(slow.id)).toBe(0);
    expect(retries.get(quick.id)).toBe(0);
    const slowDetail = await getJobDetail(sql, actor, slow.id);
    expect(slowDetail.attempts).toEqual([
      expect.objectContaining({ attempt: 1, outcome: "completed" }),
    ]);
    const quickDetail = await getJobDetail(sql, actor, quick.id);
    expect(quickDetail.attempts).toEqual([
      expect.objectContaining({ attempt: 1, outcome: "completed" }),
    ]);
    expect(quickDetail.events.map((e) => e.kind)).toEqual(["queued", "started", "completed"]);
  });
  it("holds a failed attempt's retry until its end is on record", { timeout: 60_000 }, async () => {
    const sql = bossSql(kit.services.boss);
    // The failed end cannot be written for about 7 s (four tries), far longer than the type's
    // retry delay: a retry handed out meanwhile would read the row from before this attempt,
    // run as this attempt again and fail again.
    await refuseWrites(
      "refuse_retrying",
      "UPDATE ON job",
      `NEW.label = 'refused while retrying' AND NEW.status = 'retrying'`,
      4,
    );

    const job = await enqueueJob(kit.services, actor, {
      type: "self_test",
      payload: { steps: 0, failFirstAttempts: 1, label: "refused while retrying" },
      priority: "normal",
      tags: [],
    });
    await kit.waitForJob(job.id, (r) => r.status === "completed" || r.status === "failed", 40_000);

    expect(await kit.job(job.id)).toMatchObject({ status: "completed", attempt: 2 });
    const { rows } = await sql.executeSql(
      `SELECT retry_count AS "retryCount" FROM pgboss.job WHERE id = $1`,
      [job.id],
    );
    expect(rows[0]).toEqual({ retryCount: 1 });
    const detail = await getJobDetail(sql, actor, job.id);
    expect(detail.attempts).toEqual([
      expect.objectContaining({ attempt: 1, outcome: "failed" }),
      expect.objectContaining({ attempt: 2, outcome: "completed" }),
    ]);
  });
});
