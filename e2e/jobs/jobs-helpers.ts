import { expect, type Page } from "@playwright/test";

export interface TestJobOptions {
  steps: number;
  stepMs: number;
  failFirstAttempts?: number;
}

/** A label no other job in this run has, so locators find exactly one job. */
export const uniqueLabel = (what: string) => `${what} ${Date.now().toString(36)}`;

/** Fills the dashboard's "Start a test job" form and submits it; returns the job's card. */
export async function startTestJob(page: Page, label: string, options: TestJobOptions) {
  const form = page.getByRole("form", { name: "Start a test job" });
  await form.getByLabel("Steps").fill(String(options.steps));
  await form.getByLabel("Step time (ms)").fill(String(options.stepMs));
  await form.getByLabel("Failing attempts").fill(String(options.failFirstAttempts ?? 0));
  await form.getByLabel("Label").fill(label);
  await form.getByRole("button", { name: "Start test job" }).click();

  const card = page.getByRole("list", { name: "Jobs" }).getByRole("listitem", { name: label });
  await expect(card).toBeVisible();

  return card;
}

/** The aria-valuenow of a job's progress bar, as a number. */
export async function progressOf(page: Page, label: string): Promise<number> {
  const bar = page.getByRole("progressbar", { name: `Progress of ${label}` }).first();

  return Number(await bar.getAttribute("aria-valuenow"));
}
