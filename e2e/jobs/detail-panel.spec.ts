import { expect, test } from "@playwright/test";

import { progressOf, startTestJob, uniqueLabel } from "./jobs-helpers";

test.use({ viewport: { width: 1280, height: 900 } });

test.describe("the job detail panel on a wide screen", () => {
  test("opens beside the list and follows the job live", async ({ page }) => {
    await page.goto("/jobs");
    const label = uniqueLabel("panel");
    const card = await startTestJob(page, label, { steps: 12, stepMs: 400 });

    await card.getByRole("link", { name: label }).click();
    const panel = page.getByRole("complementary", { name: "Job details" });
    await expect(panel.getByRole("heading", { name: label })).toBeVisible();
    await expect(page).toHaveURL(/\/jobs$/);
    await expect.poll(() => progressOf(page, label), { timeout: 15_000 }).toBeGreaterThan(20);
    await page.screenshot({ path: test.info().outputPath("jobs-desktop-running.png") });

    await expect(panel.getByText("Completed", { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(panel.getByRole("region", { name: "Result" })).toContainText('"steps": 12');
    await expect(panel.getByRole("list", { name: "Timeline" })).toContainText(/completed/i);
    await expect(
      page.getByRole("link", { name: "Background jobs: 0 running, 0 queued" }),
    ).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("jobs-desktop-done.png") });

    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
  });
});
