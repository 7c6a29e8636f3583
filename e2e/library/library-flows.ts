import { expect, type Page } from "@playwright/test";

import { ensureArtists, findArtist, resetReview, waitForStatus } from "./library-helpers";

export const REVIEW_CASE = "Harbor Lights";

/** Filter "Needs review", open the artist, pick the candidate, and see it enriched. */
export async function resolveReview(page: Page): Promise<void> {
  await ensureArtists(page, [REVIEW_CASE]);
  await findArtist(page, REVIEW_CASE);
  await resetReview(page, REVIEW_CASE);

  await page.goto("/artists");
  await page.getByLabel("Filter").selectOption("needs_review");
  const list = page.getByRole("list", { name: "Artists" });
  await list.getByRole("link", { name: REVIEW_CASE }).click();
  await expect(page.getByRole("heading", { name: "Which artist is this?" })).toBeVisible();
  await page.getByRole("button", { name: "Pick Harbor Lights (Bristol indie band)" }).click();

  // The enrichment job ends, the live update refetches the artist: no reload needed.
  await expect(page.locator('[data-status="enriched"]').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("4f6d2c1a-8b3e-4a7f-9c2d-1e0b5a6f7d81")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Which artist is this?" })).toBeHidden();
}

/** Edit a field (it gets a lock), enrich again, and the edited value stays. */
export async function editAndReenrich(page: Page, name: string): Promise<void> {
  await ensureArtists(page, [name]);
  const artist = await waitForStatus(page, name, "enriched");
  await page.goto(`/artists/${artist.id}`);

  await page.getByRole("button", { name: "Edit Country" }).click();
  await page.getByRole("textbox", { name: "Country" }).fill("se");
  await page.getByRole("button", { name: "Save" }).click();
  const row = page.getByRole("group", { name: "Country", exact: true });
  await expect(row.getByRole("img", { name: "locked" })).toBeVisible();
  await expect(row).toContainText("SE");

  const history = page.getByRole("region", { name: "Job history" });
  const jobsBefore = await history.getByRole("listitem").count();
  await page.getByRole("button", { name: "Enrich now" }).click();
  await expect(history.getByRole("listitem")).toHaveCount(jobsBefore + 1);
  await expect(
    history.getByRole("listitem").first().getByText("Completed", { exact: true }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await page.reload();
  await expect(page.getByText("edited by hand").first()).toBeVisible();
  const after = await (await page.request.get(`/api/artists/${artist.id}`)).json();
  expect(after.artist.country).toBe("SE");
  expect(after.artist.lockedFields).toContain("country");
}
