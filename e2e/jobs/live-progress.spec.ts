import { expect, test } from "@playwright/test";

import { progressOf, startTestJob, uniqueLabel } from "./jobs-helpers";

test.describe("live job progress", () => {
  test("a test job's progress bar moves without a reload and the job completes", async ({
    page,
  }) => {
    await page.goto("/jobs");
    // A full reload would drop this marker; live updates keep it.
    await page.evaluate(() => Object.assign(window, { liveMarker: true }));
    const label = uniqueLabel("live progress");

    const card = await startTestJob(page, label, { steps: 20, stepMs: 300 });

    await expect.poll(() => progressOf(page, label), { timeout: 20_000 }).toBeGreaterThan(0);
    const first = await progressOf(page, label);
    await expect.poll(() => progressOf(page, label), { timeout: 20_000 }).toBeGreaterThan(first);
    await expect(card.getByText("Completed", { exact: true })).toBeVisible({ timeout: 30_000 });
    expect(await progressOf(page, label)).toBe(100);
    expect(await page.evaluate(() => "liveMarker" in window)).toBe(true);
  });

  test("the header counts the user's running job while it runs", async ({ page }) => {
    await page.goto("/jobs");
    const label = uniqueLabel("header count");

    const card = await startTestJob(page, label, { steps: 15, stepMs: 300 });

    await expect(page.getByRole("link", { name: /Background jobs: [1-9]\d* running/ })).toBeVisible(
      {
        timeout: 15_000,
      },
    );
    await card.getByRole("button", { name: `Cancel ${label}` }).click();
    await expect(card.getByText("Cancelled", { exact: true })).toBeVisible();
  });
});
