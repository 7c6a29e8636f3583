import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

/**
 * Runs e2e/chaos/soketi-outage.spec.ts through Playwright (the setup project signs in first) on
 * ports of its own, so a normal e2e run on this machine is not disturbed. Returns the exit code.
 */
export function runSoketiOutageSpec(): number {
  const result = spawnSync(
    "npx",
    [
      "playwright",
      "test",
      "--project=setup",
      "--project=chaos",
      "--reporter=list",
      // Outside test-results/, which a concurrent e2e run empties when it starts.
      `--output=${path.join(os.tmpdir(), "roadie-chaos-playwright")}`,
    ],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        ROADIE_CHAOS: "1",
        E2E_PORT: process.env.CHAOS_E2E_PORT ?? "3160",
        E2E_PUSHER_PORT: process.env.CHAOS_E2E_PUSHER_PORT ?? "6161",
        E2E_SIMULATOR_PORT: process.env.CHAOS_E2E_SIMULATOR_PORT ?? "6196",
      },
    },
  );

  return result.status ?? 1;
}
