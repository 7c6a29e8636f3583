import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET as listJobs, POST as createJob } from "../../app/api/jobs/route";
import { createAppJobsKit, type JobsKit } from "../jobs/jobs-test-kit";
import { adminQuery } from "../testing/database";
import { createUser, type TestUser, testRequest } from "../testing/users";

const none = { params: Promise.resolve({}) };

describe("requests while the database is unreachable", () => {
  let kit: JobsKit;
  let member: TestUser;

  const cutOff = async (allow: boolean) => {
    const name = kit.database.name;
    await adminQuery(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS ${allow}`);
    if (!allow) {
      await adminQuery(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
    }
  };

  beforeAll(async () => {
    kit = await createAppJobsKit();
    member = await createUser(kit.database.db);
  });

  afterAll(async () => {
    await cutOff(true);
    await kit.close();
  });

  it("answers 503 with Retry-After in the error shape, and works again once it is back", async () => {
    const list = () => listJobs(testRequest("/api/jobs", { as: member, via: "token" }), none);
    const enqueue = () =>
      createJob(
        testRequest(
          "/api/jobs",
          { as: member, via: "token" },
          {
            method: "POST",
            json: { type: "self_test", payload: { steps: 0 } },
          },
        ),
        none,
      );
    expect((await list()).status).toBe(200);

    await cutOff(false);
    for (const res of [await list(), await enqueue()]) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect((await res.json()).error).toMatchObject({ code: "unavailable" });
    }

    await cutOff(true);
    // The pools drop the dead connections and open new ones on the next request.
    let back = await enqueue();
    for (let i = 0; i < 20 && back.status === 503; i += 1) back = await enqueue();
    expect(back.status).toBe(202);
  });
});
