import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST as enrich } from "../../app/api/jobs/enrich-metadata/route";
import { POST as cancel } from "../../app/api/jobs/[id]/cancel/route";
import { POST as retry } from "../../app/api/jobs/[id]/retry/route";
import { GET as getJob, PATCH as patchJob } from "../../app/api/jobs/[id]/route";
import { GET as list, POST as create } from "../../app/api/jobs/route";
import { GET as stats } from "../../app/api/jobs/stats/route";
import { createUser, type TestUser, testRequest } from "../testing/users";
import { createAppJobsKit, type JobsKit } from "./jobs-test-kit";

const none = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });
const later = () => new Date(Date.now() + 3_600_000).toISOString();

describe("jobs HTTP API", () => {
  let kit: JobsKit;
  let member: TestUser;
  let other: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    kit = await createAppJobsKit();
    [member, other, admin] = await Promise.all([
      createUser(kit.database.db),
      createUser(kit.database.db),
      createUser(kit.database.db, { role: "admin" }),
    ]);
  });

  afterAll(async () => {
    await kit.close();
  });

  const post = (as: TestUser | null, json: unknown) =>
    create(testRequest("/api/jobs", as && { as, via: "token" }, { method: "POST", json }), none);
  const selfTest = (as: TestUser, extra: Record<string, unknown> = {}) =>
    post(as, {
      type: "self_test",
      payload: { steps: 1, label: "hello" },
      runAt: later(),
      ...extra,
    });

  it("enqueues with 202 and the JobSummary shape, 401 without a user", async () => {
    expect((await post(null, { type: "self_test" })).status).toBe(401);

    const res = await selfTest(member, { tags: ["a"], priority: "high" });

    expect(res.status).toBe(202);
    const { job } = await res.json();
    expect(Object.keys(job).sort()).toEqual(
      [
        "id",
        "type",
        "title",
        "status",
        "priority",
        "progress",
        "stage",
        "message",
        "etaSeconds",
        "attempt",
        "maxAttempts",
        "label",
        "tags",
        "createdAt",
        "startedAt",
        "finishedAt",
        "createdBy",
        "error",
        "seq",
      ].sort(),
    );
    expect(job).toMatchObject({ status: "waiting", priority: "high", tags: ["a"], label: "hello" });
    expect(job.createdBy).toEqual({ id: member.user.id, name: member.user.name });
  });

  it("names the field of bad input, refuses big bodies, answers duplicates with 409", async () => {
    const unknownType = await (await post(member, { type: "nope" })).json();
    expect(unknownType.error).toMatchObject({ code: "validation_failed", field: "type" });
    const badPayload = await post(member, { type: "self_test", payload: { steps: -1 } });
    expect(badPayload.status).toBe(422);
    expect((await badPayload.json()).error.field).toBe("payload.steps");
    const big = await post(member, { type: "self_test", payload: { label: "x".repeat(300_000) } });
    expect(big.status).toBe(413);
    const notJson = await create(
      new Request("http://localhost:3000/api/jobs", {
        method: "POST",
        headers: { authorization: `Bearer ${member.token}`, "content-type": "application/json" },
        body: "{",
      }),
      none,
    );
    expect(notJson.status).toBe(400);

    const first = await (await selfTest(member, { dedupeKey: "k1" })).json();
    const second = await selfTest(member, { dedupeKey: "k1" });
    expect(second.status).toBe(409);
    expect((await second.json()).error).toMatchObject({ code: "conflict", jobId: first.job.id });
  });

  it("enqueues enrichment per artist, 404 naming unknown ids, 409 for a live one", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    for (const [id, name] of [
      [a, "Björk"],
      [b, "Portishead"],
    ] as const) {
      await kit.database.db.$executeRawUnsafe(
        `INSERT INTO artist (id, name, "updatedAt") VALUES ($1::uuid, $2, now())`,
        id,
        name,
      );
    }
    const call = (json: unknown) =>
      enrich(
        testRequest(
          "/api/jobs/enrich-metadata",
          { as: member, via: "token" },
          { method: "POST", json },
        ),
        none,
      );

    const missing = randomUUID();
    const unknown = await call({ artistIds: [a, missing] });
    expect(unknown.status).toBe(404);
    const { error } = await unknown.json();
    expect(error).toMatchObject({ field: "artistIds", artistIds: [missing], unknownCount: 1 });
    expect(error.message).toContain(missing);
    // A thousand unknown ids get an answer of the same small size, naming the first few.
    const many = Array.from({ length: 1_000 }, () => randomUUID());
    const flood = await call({ artistIds: many });
    expect(flood.status).toBe(404);
    const text = await flood.text();
    expect(text.length).toBeLessThan(3_000);
    expect(JSON.parse(text).error).toMatchObject({ unknownCount: 1_000 });

    const one = await call({ artistId: a });
    expect(one.status).toBe(202);
    const { jobs } = await one.json();
    expect(jobs).toEqual([{ id: expect.any(String), artistId: a, deduplicated: false }]);
    const again = await call({ artistId: a, forceRefresh: true });
    expect(again.status).toBe(409);
    expect((await again.json()).error.jobId).toBe(jobs[0].id);
    const bulk = await (await call({ artistIds: [a, b] })).json();
    expect(bulk.jobs).toEqual([
      { id: jobs[0].id, artistId: a, deduplicated: true },
      { id: expect.any(String), artistId: b, deduplicated: false },
    ]);
    const detail = await (
      await getJob(
        testRequest(`/api/jobs/${bulk.jobs[1].id}`, { as: member, via: "cookie" }),
        withId(bulk.jobs[1].id),
      )
    ).json();
    expect(detail.job).toMatchObject({ label: "Portishead", type: "metadata_enrichment" });
    expect((await call({})).status).toBe(422);
  });

  it("lists own jobs for members and everyone's for admins, with search and cursors", async () => {
    for (let i = 0; i < 3; i += 1)
      await selfTest(other, { payload: { steps: 1, label: `other-${i}` } });
    const get = (as: TestUser, query: string) =>
      list(testRequest(`/api/jobs?${query}`, { as, via: "token" }), none).then((r) => r.json());

    const mine = await get(other, "limit=2");
    expect(mine.items).toHaveLength(2);
    expect(
      mine.items.every((j: { createdBy: { id: string } }) => j.createdBy.id === other.user.id),
    ).toBe(true);
    const rest = await get(other, `limit=2&cursor=${mine.nextCursor}`);
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect((await get(other, "q=other-1")).items).toHaveLength(1);
    expect((await get(member, "q=other-1")).items).toHaveLength(0);
    const byUser = await get(admin, `createdBy=${other.user.id}&limit=200`);
    expect(byUser.items).toHaveLength(3);
    expect((await get(other, "type=self_test")).items).toHaveLength(3);
    const unknownType = await get(other, "type=no_such_type");
    expect(unknownType.error).toMatchObject({ code: "validation_failed", field: "type" });
    const stat = await (
      await stats(testRequest("/api/jobs/stats", { as: other, via: "token" }), none)
    ).json();
    expect(stat).toEqual({ running: 0, queued: 3 });
  });

  it("hides other members' jobs, and answers wrong states with 409 and the status", async () => {
    const { job } = await (await selfTest(member)).json();
    const as = (user: TestUser) => ({ as: user, via: "token" as const });

    expect(
      (await getJob(testRequest(`/api/jobs/${job.id}`, as(other)), withId(job.id))).status,
    ).toBe(404);
    expect((await getJob(testRequest(`/api/jobs/x`, as(member)), withId("x"))).status).toBe(404);
    expect(
      (await getJob(testRequest(`/api/jobs/${job.id}`, as(admin)), withId(job.id))).status,
    ).toBe(200);
    expect(
      (await cancel(testRequest(`/x`, as(other), { method: "POST" }), withId(job.id))).status,
    ).toBe(404);

    const patched = await patchJob(
      testRequest(`/x`, as(member), { method: "PATCH", json: { priority: "urgent" } }),
      withId(job.id),
    );
    expect((await patched.json()).job.priority).toBe("urgent");
    const retried = await retry(testRequest(`/x`, as(member), { method: "POST" }), withId(job.id));
    expect(retried.status).toBe(409);
    expect((await retried.json()).error).toMatchObject({ code: "conflict", status: "waiting" });
    expect(
      (await cancel(testRequest(`/x`, as(member), { method: "POST" }), withId(job.id))).status,
    ).toBe(200);
    const twice = await cancel(testRequest(`/x`, as(member), { method: "POST" }), withId(job.id));
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.status).toBe("cancelled");
  });
});
