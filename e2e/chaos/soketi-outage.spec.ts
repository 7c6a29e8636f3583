// Chaos f (run by `npm run test:chaos`, skipped in the normal e2e run): Soketi stopped for at
// least 30 s while jobs finish. Jobs must not notice; the dashboard must say that live updates
// are paused, and within 3 s of Soketi's return show exactly what the database holds.
import { expect, type Page, test } from "@playwright/test";

import { startTestJob, uniqueLabel } from "../jobs/jobs-helpers";
import { soketiOnPort } from "../support/soketi-control";
import { E2E_STACK } from "../support/stack-env";

const OUTAGE_MS = 30_000;
const CATCH_UP_MS = 3_000;

interface ApiJob {
  label: string;
  status: string;
  progress: number;
  attempt: number;
}

/** What the API (a thin read of the database) says about the jobs whose label has `prefix`. */
async function databaseView(page: Page, prefix: string): Promise<ApiJob[]> {
  const res = await page.request.get(`/api/jobs?q=${encodeURIComponent(prefix)}&limit=50`);
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: ApiJob[] };

  return items.sort((a, b) => a.label.localeCompare(b.label));
}

/** What the page shows for the same jobs: the status badge and progress of each card. */
async function pageView(page: Page, labels: string[]) {
  const list = page.getByRole("list", { name: "Jobs" });

  return Promise.all(
    labels.map(async (label) => {
      const card = list.getByRole("listitem", { name: label });
      const bar = card.getByRole("progressbar", { name: `Progress of ${label}` });
      const progress = Number((await bar.getAttribute("aria-valuenow").catch(() => null)) ?? -1);
      const status = await card.locator("[data-status]").first().getAttribute("data-status");

      return { label, status, progress };
    }),
  );
}

async function matchesDatabase(page: Page, prefix: string): Promise<boolean> {
  const rows = await databaseView(page, prefix);
  const shown = await pageView(
    page,
    rows.map((r) => r.label),
  );

  return rows.every((row, i) => {
    const card = shown[i]!;

    return card.status === row.status && (card.progress === -1 || card.progress === row.progress);
  });
}

test.describe("chaos: Soketi outage", () => {
  test.skip(!process.env.ROADIE_CHAOS, "runs only through npm run test:chaos");
  test.setTimeout(240_000);

  test("jobs finish while Soketi is stopped; the page catches up within 3 s", async ({ page }) => {
    await page.goto("/jobs");
    const prefix = uniqueLabel("chaos-soketi");
    const labels = [`${prefix} a`, `${prefix} b`, `${prefix} c`];
    for (const label of labels) await startTestJob(page, label, { steps: 20, stepMs: 500 });
    const paused = page.getByRole("status").filter({ hasText: "Live updates paused" });
    await expect(paused).toBeHidden();

    const soketi = soketiOnPort(E2E_STACK.pusherPort);
    const stoppedAt = Date.now();
    soketi.pause();
    let resumedAt: number;
    try {
      await expect(paused).toBeVisible({ timeout: 60_000 });
      test.info().annotations.push({
        type: "paused shown after",
        description: `${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`,
      });
      // The jobs finish in the database while nothing is delivered.
      await expect
        .poll(async () => (await databaseView(page, prefix)).map((j) => j.status), {
          timeout: 60_000,
        })
        .toEqual(["completed", "completed", "completed"]);
      const left = OUTAGE_MS - (Date.now() - stoppedAt);
      if (left > 0) await page.waitForTimeout(left);
    } finally {
      soketi.resume();
      resumedAt = Date.now();
    }

    await expect
      .poll(() => matchesDatabase(page, prefix), { timeout: CATCH_UP_MS, intervals: [100] })
      .toBe(true);
    test.info().annotations.push({
      type: "caught up after",
      description: `${((Date.now() - resumedAt) / 1000).toFixed(1)} s`,
    });
    const rows = await databaseView(page, prefix);
    // Publishing failures cost the jobs nothing: one attempt each, all completed.
    expect(rows.map((r) => [r.status, r.attempt])).toEqual(labels.map(() => ["completed", 1]));
  });
});
