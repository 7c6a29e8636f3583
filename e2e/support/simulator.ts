// The provider simulator the end-to-end stack enriches against: the repo fixtures plus the
// demo's review case, at rate scale 10, on E2E_STACK.simulatorPort.
import path from "node:path";

import { startSimulator } from "../../tools/provider-simulator/server";
import { prepareDemoFixtures, simulatorEnv } from "../../tools/stack/demo";
import { E2E_STACK } from "./stack-env";

export const E2E_RATE_SCALE = 10;

/** Starts the simulator; `env` goes into the stack's environment, `close` on shutdown. */
export async function startE2eSimulator(): Promise<{
  env: Record<string, string>;
  close(): Promise<void>;
}> {
  const fixtures = prepareDemoFixtures(path.resolve(E2E_STACK.dataDir, "simulator-fixtures"));
  const sim = await startSimulator({
    fixturesDir: fixtures,
    port: E2E_STACK.simulatorPort,
    rateScale: E2E_RATE_SCALE,
  });

  return { env: simulatorEnv(sim.url, E2E_RATE_SCALE), close: () => sim.close() };
}
