import { expect, type Page } from "@playwright/test";

import { E2E_STACK } from "../support/stack-env";

/** Writes through the API as the signed-in user, with the Origin a page of ours would send. */
export const sameOrigin = { origin: new URL(E2E_STACK.baseURL).origin };

/** A name nobody else's spec uses, so specs can share one stack. */
export const uniqueName = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

interface ArtistRow {
  id: string;
  name: string;
  enrichmentStatus: string;
}

/** The artist named `name`, once it exists (imports create artists in the background). */
export async function findArtist(page: Page, name: string): Promise<ArtistRow> {
  let found: ArtistRow | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/artists?q=${encodeURIComponent(name)}&limit=50`);
        const body = (await res.json()) as { items: ArtistRow[] };
        found = body.items.find((a) => a.name === name);
        return found?.enrichmentStatus ?? "missing";
      },
      { timeout: 30_000 },
    )
    .not.toBe("missing");

  return found!;
}

/** Imports names through the API (as the signed-in user) unless the library has them. */
export async function ensureArtists(page: Page, names: string[]): Promise<void> {
  const res = await page.request.post("/api/imports", {
    data: { format: "text", text: names.join("\n") },
    headers: sameOrigin,
  });
  expect(res.status(), await res.text()).toBe(202);
}

/** Waits until the artist reaches `status` (enrichment runs against the simulator). */
export async function waitForStatus(page: Page, name: string, status: string): Promise<ArtistRow> {
  await expect
    .poll(async () => (await findArtist(page, name)).enrichmentStatus, { timeout: 45_000 })
    .toBe(status);

  return findArtist(page, name);
}

/**
 * Puts the review case back into "needs review": forget the picked MBID and enrich again, so
 * each spec that resolves it starts from the same state.
 */
export async function resetReview(page: Page, name: string): Promise<ArtistRow> {
  const artist = await findArtist(page, name);
  if (artist.enrichmentStatus === "needs_review") return artist;
  await expect
    .poll(async () => {
      const res = await page.request.patch(`/api/artists/${artist.id}`, {
        data: { unlock: ["mbid"] },
        headers: sameOrigin,
      });
      return res.status();
    })
    .toBe(200);
  await expect
    .poll(
      async () => {
        const res = await page.request.post("/api/jobs/enrich-metadata", {
          data: { artistId: artist.id, forceRefresh: true },
          headers: sameOrigin,
        });
        return res.status();
      },
      { timeout: 30_000 },
    )
    .toBe(202);

  return waitForStatus(page, name, "needs_review");
}
