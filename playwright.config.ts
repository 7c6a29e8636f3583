import { defineConfig, devices } from "@playwright/test";

import { CHROMIUM } from "./e2e/support/chromium";
import { E2E_STACK } from "./e2e/support/stack-env";


export default defineConfig({
  testDir: "e2e",
  // One browser at a time: the whole stack shares these two cores with it.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_STACK.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM,
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/admin.json" },
      dependencies: ["setup"],
      testIgnore: [/auth\.setup\.ts/, /e2e\/chaos\//],
    },
    // Chaos specs stop parts of the stack; `npm run test:chaos` runs them with
    // --project=setup --project=chaos (and ROADIE_CHAOS=1; without it they skip).
    {
      name: "chaos",
      testDir: "e2e/chaos",
      use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/admin.json" },
      dependencies: ["setup"],
    },
  ],
  webServer: {
    command: "node --import tsx e2e/support/start-stack.ts",
    url: `${E2E_STACK.baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});
