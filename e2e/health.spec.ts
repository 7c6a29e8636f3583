import { expect, test } from "@playwright/test";

test.describe("the stack", () => {
  test("reports the database, the queue and Soketi healthy", async ({ request }) => {
    const response = await request.get("/api/health");

    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      database: { ok: true },
      queue: { ok: true },
      realtime: { ok: true },
    });
  });
});
