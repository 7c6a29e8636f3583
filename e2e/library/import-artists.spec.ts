import { expect, test } from "@playwright/test";

import { sameOrigin, uniqueName } from "./library-helpers";

test.describe("importing artists", () => {
  test("a CSV import shows its progress, and its toast arrives on another page", async ({
    page,
  }) => {
    const fresh = uniqueName("Csv Band");
    const csv = ["name,mbid", "Radiohead,", "Sigur Ros,", `"${fresh}",`, "Radiohead,", ","].join(
      "\n",
    );
    const fileName = `${fresh.replace(/\s+/g, "-")}.csv`;
    await page.goto("/artists");

    await page.getByRole("button", { name: "Import artists" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Import artists" });
    await dialog.getByRole("button", { name: "Upload a file" }).click();
    await dialog.getByLabel(/File/).setInputFiles({
      name: fileName,
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await dialog.getByRole("button", { name: "Import", exact: true }).click();

    await expect(page).toHaveURL(/\/imports\//);
    const progress = page.getByRole("progressbar", { name: `Progress of Import ${fileName}` });
    await expect(progress).toBeVisible();
    await expect(page.getByText("Repeated: Same artist as line 2.")).toBeVisible();
    await expect(page.getByText("Not imported: Blank line.")).toBeVisible();

    await page.getByRole("link", { name: "Videos", exact: true }).click();
    await expect(page).toHaveURL(/\/videos$/);
    await expect(page.getByText(`“Import ${fileName}” completed`)).toBeVisible({ timeout: 45_000 });

    await page.goBack();
    await expect(progress).toHaveAttribute("aria-valuenow", "100");
  });

  test("a file that is not UTF-8 is reported line by line", async ({ page }) => {
    const bytes = Buffer.concat([
      Buffer.from(`${uniqueName("Utf Band")}\nMot`),
      Buffer.from([0xf6]),
      Buffer.from("rhead\n"),
    ]);
    const res = await page.request.post("/api/imports", {
      multipart: { file: { name: "latin1.txt", mimeType: "text/plain", buffer: bytes } },
      headers: sameOrigin,
    });
    expect(res.status()).toBe(202);
    const { import: created } = await res.json();
    await page.goto(`/imports/${created.id}`);
    await expect(page.getByText("The line is not valid UTF-8 text.")).toBeVisible();
  });
});
