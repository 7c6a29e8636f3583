import { expect, test } from "@playwright/test";

import { startTestJob, uniqueLabel } from "./jobs-helpers";

test.describe("job toasts", () => {
  test("a completed job toasts on another page, with a link to the job", async ({ page }) => {
    await page.goto("/jobs");
    const label = uniqueLabel("toast");

    await startTestJob(page, label, { steps: 6, stepMs: 500 });
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Settings" })
      .click();
    await expect(page).toHaveURL(/\/settings\//);

    const toast = page.getByRole("listitem").filter({ hasText: `“${label}” completed` });
    await expect(toast).toBeVisible({ timeout: 20_000 });
    await toast.getByRole("link", { name: "View job" }).click();

    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: label, level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Result" })).toContainText('"steps": 6');
  });

  test("a failed job's toast says why", async ({ page }) => {
    await page.goto("/jobs");
    const label = uniqueLabel("toast failure");

    await startTestJob(page, label, { steps: 1, stepMs: 10, failFirstAttempts: 5 });

    const toast = page.getByRole("listitem").filter({ hasText: `“${label}” failed` });
    await expect(toast).toBeVisible({ timeout: 30_000 });
    await expect(toast).toContainText("on purpose");
  });
});
