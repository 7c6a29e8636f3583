import { expect, test } from "@playwright/test";

import { soketiOnPort } from "../support/soketi-control";
import { E2E_STACK } from "../support/stack-env";
import { progressOf, startTestJob, uniqueLabel } from "./jobs-helpers";

test.describe("realtime recovery", () => {
  // The client notices a silent socket after its ping goes unanswered (about 30 s).
  test.setTimeout(200_000);

  test("Soketi stopped: the page says so and polls; back: live updates resume", async ({
    page,
  }) => {
    await page.goto("/jobs");
    const label = uniqueLabel("recovery");
    const card = await startTestJob(page, label, { steps: 160, stepMs: 500 });
    await expect.poll(() => progressOf(page, label), { timeout: 20_000 }).toBeGreaterThan(0);
    const paused = page.getByRole("status").filter({ hasText: "Live updates paused" });
    await expect(paused).toBeHidden();

    const soketi = soketiOnPort(E2E_STACK.pusherPort);
    soketi.pause();
    try {
      await expect(paused).toBeVisible({ timeout: 60_000 });
      // No events arrive now; the slow poll still moves the bar.
      const whilePaused = await progressOf(page, label);
      await expect
        .poll(() => progressOf(page, label), { timeout: 25_000 })
        .toBeGreaterThan(whilePaused);
    } finally {
      soketi.resume();
    }

    await expect(paused).toBeHidden({ timeout: 45_000 });
    // Live again: the bar moves faster than a 10 s poll would move it.
    const resumedAt = await progressOf(page, label);
    await expect.poll(() => progressOf(page, label), { timeout: 5_000 }).toBeGreaterThan(resumedAt);
    await expect(card.getByText("Completed", { exact: true })).toBeVisible({ timeout: 90_000 });
  });
});
