import { expect, test as setup } from "@playwright/test";

import { ADMIN_STORAGE_STATE, E2E_ADMIN } from "./accounts/admin-credentials";

// Runs once before the specs: first-run setup on the fresh database (or sign-in, when the
// stack was already set up), then saves the admin's session for every spec to reuse.
setup("first-run setup creates the administrator", async ({ page }) => {
  await page.goto("/setup");

  if (new URL(page.url()).pathname === "/setup") {
    await page.getByLabel("Your name").fill(E2E_ADMIN.name);
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Create administrator" }).click();
  } else {
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  await expect(page).toHaveURL((url) => !["/setup", "/sign-in"].includes(url.pathname));
  await page.context().storageState({ path: ADMIN_STORAGE_STATE });
});
