import { expect, test } from "@playwright/test";

import { E2E_STACK } from "../support/stack-env";

test.describe("the live connection", () => {
  test("one socket serves the whole tab across page changes", async ({ page }) => {
    const sockets: string[] = [];
    page.on("websocket", (ws) => {
      if (ws.url().includes(`:${E2E_STACK.pusherPort}/`)) sockets.push(ws.url());
    });

    await page.goto("/jobs");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect.poll(() => sockets.length).toBe(1);
    await nav.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/settings\//);
    // Settings has a header of its own; going back stays in the same document.
    await page.goBack();
    await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: /Background jobs:/ }).click();

    expect(sockets).toHaveLength(1);
    await expect(page.getByRole("status").filter({ hasText: "Live updates paused" })).toBeHidden();
  });
});
