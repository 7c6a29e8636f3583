// The jobs API's refusals of input it cannot act on: fields it does not know, and enrichments
// of artists that do not exist. Each is a 4xx naming the field, and writes nothing.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST as enrich } from "../../app/api/jobs/enrich-metadata/route";
import { PATCH as patchJob } from "../../app/api/jobs/[id]/route";
import { GET as list, POST as create } from "../../app/api/jobs/route";
import { createUser, routeArgs, type TestUser, testRequest } from "../testing/users";
import { createAppJobsKit, type JobsKit } from "./jobs-test-kit";

const none = routeArgs({});

describe("jobs HTTP API refusals", () => {
  let kit: JobsKit;
  let member: TestUser;

  beforeAll(async () => {
    kit = await createAppJobsKit();
    member = await createUser(kit.database.db);
  });

  afterAll(async () => {
    await kit.close();
  });

  const post = (as: TestUser | null, json: unknown) =>
    create(testRequest("/api/jobs", as && { as, via: "token" }, { method: "POST", json }), none);
  const selfTest = (as: TestUser) =>
    post(as, {
      type: "self_test",
      payload: { steps: 1, label: "hello" },
      runAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
  it("refuses unknown fields, in the body or the payload, with 422 naming them", async () => {
    const written = async () =>
      (
        await kit.database.db.$queryRawUnsafe<{ rows: number; queued: number }[]>(
          `SELECT (SELECT count(*)::int FROM job) AS rows,
                  (SELECT count(*)::int FROM pgboss.job
                    WHERE name IN ('self_test', 'metadata_enrichment')) AS queued`,
        )
      )[0];
    const errorOf = async (res: Response) => {
      expect(res.status).toBe(422);

      return (await res.json()).error;
    };
    const before = await written();

    const typo = await errorOf(
      await post(member, { type: "self_test", priorty: "urgent", payload: {} }),
    );
    expect(typo).toMatchObject({ code: "validation_failed", field: "priorty" });
    expect(typo.message).toMatch(
      /priorty: is not a known field; known fields: type, payload, priority/,
    );
    const inPayload = await errorOf(
      await post(member, { type: "self_test", payload: { stepz: 3 } }),
    );
    expect(inPayload).toMatchObject({ field: "payload.stepz" });
    expect(inPayload.message).toMatch(/known fields: steps, stepMs/);
    const enrichment = await enrich(
      testRequest(
        "/api/jobs/enrich-metadata",
        { as: member, via: "token" },
        { method: "POST", json: { artistIds: [randomUUID()], force: true } },
      ),
      none,
    );
    expect(await errorOf(enrichment)).toMatchObject({ field: "force" });
    expect(await written()).toEqual(before);

    const { job } = await (await selfTest(member)).json();
    const edit = (json: unknown) =>
      patchJob(
        testRequest(`/x`, { as: member, via: "token" }, { method: "PATCH", json }),
        routeArgs({ id: job.id }),
      );
    expect(await errorOf(await edit({ priorty: "urgent" }))).toMatchObject({ field: "priorty" });
    const payloadEdit = await edit({ payload: { steps: 2, stepz: 3 } });
    expect(await errorOf(payloadEdit)).toMatchObject({ field: "payload.stepz" });
    const stored = await kit.database.db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored).toMatchObject({ priority: "normal", payload: { steps: 1, label: "hello" } });
  });

  it("takes a client that left mid-body for what it is, not for a database outage", async () => {
    const gone = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"type":"self_te'));
        controller.error(gone);
      },
    });
    const request = testRequest("/api/jobs", { as: member, via: "token" }, { method: "POST" });
    const cut = new Request(request, { body, duplex: "half" } as RequestInit);
    cut.headers.set("content-type", "application/json");

    const res = await create(cut, none);

    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
  });

  it("refuses a list query it does not know, rather than listing everything", async () => {
    const query = async (search: string) =>
      list(testRequest(`/api/jobs?${search}`, { as: member, via: "token" }), none);
    const typo = await query("stauts=failed&limit=5");
    expect(typo.status).toBe(422);
    const { error } = await typo.json();
    expect(error).toMatchObject({ code: "validation_failed", field: "stauts" });
    expect(error.message).toMatch(/stauts: is not a known field; known fields: status, type/);
    expect((await query("status=failed&limit=5")).status).toBe(200);
  });

  it("refuses an unknown artist's enrichment with 404 and writes nothing", async () => {
    const missing = randomUUID();
    // The job's row and its pg-boss entry, counted by the artist the payload names.
    const written = async (artistId: string) =>
      (
        await kit.database.db.$queryRawUnsafe<{ rows: number; queued: number }[]>(
          `SELECT (SELECT count(*)::int FROM job WHERE payload->>'artistId' = $1) AS rows,
                  (SELECT count(*)::int FROM pgboss.job WHERE data->>'artistId' = $1) AS queued`,
          artistId,
        )
      )[0];

    const res = await post(member, { type: "metadata_enrichment", payload: { artistId: missing } });

    expect(res.status).toBe(404);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "not_found", field: "payload.artistId" });
    expect(error.message).toContain(missing);
    expect(await written(missing)).toEqual({ rows: 0, queued: 0 });

    const known = randomUUID();
    await kit.database.db.$executeRawUnsafe(
      `INSERT INTO artist (id, name, "updatedAt") VALUES ($1::uuid, 'Massive Attack', now())`,
      known,
    );
    const ok = await post(member, { type: "metadata_enrichment", payload: { artistId: known } });
    expect(ok.status).toBe(202);
    expect(await written(known)).toEqual({ rows: 1, queued: 1 });

    // Editing the waiting job to name a missing artist is refused the same way.
    const { job } = await ok.json();
    const edit = await patchJob(
      testRequest(
        `/x`,
        { as: member, via: "token" },
        {
          method: "PATCH",
          json: { payload: { artistId: missing } },
        },
      ),
      routeArgs({ id: job.id }),
    );
    expect(edit.status).toBe(404);
    expect((await edit.json()).error).toMatchObject({ field: "payload.artistId" });
    expect(await written(known)).toEqual({ rows: 1, queued: 1 });
  });
});
