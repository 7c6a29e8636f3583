import { test } from "@playwright/test";

import { editAndReenrich, resolveReview } from "./library-flows";

test.describe("reviewing and editing artists", () => {
  test.describe.configure({ mode: "serial" });

  test("a needs-review artist is resolved by picking a candidate", async ({ page }) => {
    await resolveReview(page);
  });

  test("an edited field is locked and survives re-enrichment", async ({ page }) => {
    await editAndReenrich(page, "Motorhead");
  });
});

test.describe("the same on a 375 px phone", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ viewport: { width: 375, height: 812 } });

  test("resolve a review on a phone", async ({ page }) => {
    await resolveReview(page);
    await page.screenshot({ path: test.info().outputPath("artist-375.png"), fullPage: true });
  });

  test("edit and re-enrich on a phone", async ({ page }) => {
    await editAndReenrich(page, "Bjork");
  });

  test("the artists page fits the screen", async ({ page }) => {
    await page.goto("/artists");
    await page.getByRole("list", { name: "Artists" }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    test.expect(overflow).toBeLessThanOrEqual(0);
  });
});
