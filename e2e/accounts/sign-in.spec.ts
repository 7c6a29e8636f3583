import { expect, test } from "@playwright/test";

import { E2E_ADMIN } from "./admin-credentials";

// Signs in from a clean browser, never with the shared admin session: signing out here must
// not end the session the other specs use.
test.describe("sign-in and sign-out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a wrong password is refused with a readable message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();

    // Next's route announcer is an alert too: find ours by its text.
    await expect(page.getByText("The email or password is wrong.")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("signs in, reaches settings, and signs out", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL((url) => !["/setup", "/sign-in"].includes(url.pathname));

    await page.goto("/settings/tokens");
    await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
    await page.getByLabel("Account menu").click();
    await expect(page.getByText(E2E_ADMIN.email)).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/settings/tokens");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});
