import { expect, test } from "@playwright/test";

test.describe("personal API tokens", () => {
  test("a token created on the page works as a bearer token until revoked", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const name = `e2e script ${Date.now()}`;
    await page.goto("/settings/tokens");
    await page.getByLabel("Token name").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByLabel("New token secret").inputValue();
    expect(secret).toMatch(/^rdt_/);
    await expect(page.getByRole("list", { name: "Your API tokens" })).toContainText(name);

    // A context with no cookies: only the bearer token authenticates.
    const api = await playwright.request.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
    });
    const anonymous = await api.get("/api/tokens");
    expect(anonymous.status()).toBe(401);
    const withToken = await api.get("/api/tokens", {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(withToken.status()).toBe(200);
    expect(JSON.stringify(await withToken.json())).toContain(name);

    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
    const revoked = await api.get("/api/tokens", {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(revoked.status()).toBe(401);
    await api.dispose();
  });
});
