import { expect, test } from "@playwright/test";

import { progressOf, startTestJob, uniqueLabel } from "./jobs-helpers";

test.describe("job actions", () => {
  test("cancelling a running job stops it", async ({ page }) => {
    await page.goto("/jobs");
    const label = uniqueLabel("cancel");

    const card = await startTestJob(page, label, { steps: 100, stepMs: 300 });
    await expect(card.getByText("Running", { exact: true })).toBeVisible({ timeout: 15_000 });
    await card.getByRole("button", { name: `Cancel ${label}` }).click();

    await expect(card.getByText("Cancelled", { exact: true })).toBeVisible();
    const stoppedAt = await progressOf(page, label);
    expect(stoppedAt).toBeLessThan(100);
    await expect(card.getByRole("button", { name: `Retry ${label}` })).toBeVisible();
    // A cancelled handler reports nothing more: the bar stays where it stopped.
    await page.waitForTimeout(1_500);
    expect(await progressOf(page, label)).toBe(stoppedAt);
  });

  test("a failed job can be retried and then completes", async ({ page }) => {
    await page.goto("/jobs");
    const label = uniqueLabel("retry");

    // self_test gets three attempts; failing the first three fails the job, the fourth works.
    const card = await startTestJob(page, label, { steps: 3, stepMs: 100, failFirstAttempts: 3 });
    await expect(card.getByText("Failed", { exact: true })).toBeVisible({ timeout: 40_000 });
    await expect(card).toContainText("failed attempt 3 on purpose");

    await card.getByRole("button", { name: `Retry ${label}` }).click();

    await expect(card.getByText("Completed", { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(card).toContainText("Attempt 4 of");
  });

  test("the bulk bar cancels every selected job", async ({ page }) => {
    await page.goto("/jobs");
    const labels = [uniqueLabel("bulk a"), uniqueLabel("bulk b")];
    const cards = [];
    for (const label of labels)
      cards.push(await startTestJob(page, label, { steps: 100, stepMs: 300 }));

    for (const label of labels)
      await page.getByRole("checkbox", { name: `Select ${label}` }).check();
    const bar = page.getByRole("region", { name: "Selected jobs" });
    await expect(bar).toContainText("2 selected");
    await bar.getByRole("button", { name: "Cancel selected" }).click();

    for (const card of cards)
      await expect(card.getByText("Cancelled", { exact: true })).toBeVisible();
    await expect(bar).toBeHidden();
  });
});
