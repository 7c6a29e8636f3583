import { expect, test } from "@playwright/test";

import { E2E_ADMIN } from "./admin-credentials";

test.describe("first-run setup", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("is closed once the first administrator exists", async ({ page, request }) => {
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in to Roadie" })).toBeVisible();

    const again = await request.post("/api/auth/setup", {
      data: { name: "Intruder", email: "intruder@e2e.test", password: "intruder-password" },
    });
    expect(again.status()).toBe(409);
  });

  test("protected pages send signed-out visitors to sign-in", async ({ page }) => {
    await page.goto("/settings/tokens");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByLabel("Email")).toBeVisible();
    expect(E2E_ADMIN.email).toContain("@");
  });
});
