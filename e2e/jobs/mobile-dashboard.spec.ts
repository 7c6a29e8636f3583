import { expect, test } from "@playwright/test";

import { startTestJob, uniqueLabel } from "./jobs-helpers";

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const overflow = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

test.describe("the jobs dashboard on a 375 px screen", () => {
  test("shows jobs as cards without horizontal scrolling", async ({ page }) => {
    await page.goto("/jobs");
    const label = uniqueLabel("a rather long label for a narrow phone screen");

    const card = await startTestJob(page, label, { steps: 3, stepMs: 100, failFirstAttempts: 3 });
    await expect(card.getByText("Failed", { exact: true })).toBeVisible({ timeout: 40_000 });

    expect(await page.evaluate(overflow)).toBeLessThanOrEqual(0);
    const box = await card.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(375);
    await page.getByRole("checkbox", { name: `Select ${label}` }).check();
    await expect(page.getByRole("region", { name: "Selected jobs" })).toBeVisible();
    expect(await page.evaluate(overflow)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("jobs-375.png"), fullPage: true });

    await card.getByRole("link", { name: label }).click();
    await expect(page.getByRole("heading", { name: label, level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Attempts" })).toContainText("on purpose");
    expect(await page.evaluate(overflow)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("job-detail-375.png"), fullPage: true });
  });
});
