import { expect, test } from "@playwright/test";

// The admin's session (the setup project's storage state) creates a member and a job of its
// own; the member, signed in through the form in a fresh context, must not be able to open it.
test.describe("a member and someone else's job", () => {
  test("opening another user's job by its URL shows nothing of it", async ({
    page,
    browser,
    baseURL,
  }) => {
    const member = {
      name: "Member Mo",
      email: `member-${Date.now()}@e2e.test`,
      password: "member-password-1",
    };
    const created = await page.request.post("/api/users", {
      data: { ...member, role: "member" },
      headers: { origin: baseURL ?? "" },
    });
    expect(created.status()).toBe(201);
    const label = `admin-only ${Date.now()}`;
    const job = await page.request.post("/api/jobs", {
      data: { type: "self_test", payload: { steps: 1, stepMs: 0, label } },
      headers: { origin: baseURL ?? "" },
    });
    expect(job.status()).toBe(202);
    const { job: adminJob } = (await job.json()) as { job: { id: string } };

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const memberPage = await context.newPage();
    await memberPage.goto("/sign-in");
    await memberPage.getByLabel("Email").fill(member.email);
    await memberPage.getByLabel("Password").fill(member.password);
    await memberPage.getByRole("button", { name: "Sign in" }).click();
    await expect(memberPage).toHaveURL((url) => url.pathname !== "/sign-in");

    await memberPage.goto(`/jobs/${adminJob.id}`);
    await expect(memberPage.getByText("This job does not exist, or it is not yours.")).toBeVisible();
    await expect(memberPage.getByText(label)).toHaveCount(0);

    const api = await memberPage.request.get(`/api/jobs/${adminJob.id}`);
    expect(api.status()).toBe(404);
    await memberPage.goto("/jobs");
    await expect(memberPage.getByText(label)).toHaveCount(0);
    await context.close();
  });
});
