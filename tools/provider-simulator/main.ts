// Runs the provider simulator from the command line:
//   node --import tsx tools/provider-simulator/main.ts --fixtures <dir> --port <p> [--rate-scale N]
//     [--spotify-dev-mode]
import { parseArgs } from "node:util";

import { startSimulator } from "./server";

const { values } = parseArgs({
  options: {
    fixtures: { type: "string" },
    port: { type: "string", default: "4100" },
    "rate-scale": { type: "string", default: "1" },
    "spotify-dev-mode": { type: "boolean", default: false },
  },
});
if (!values.fixtures) {
  console.error("usage: main.ts --fixtures <dir> --port <p> [--rate-scale N] [--spotify-dev-mode]");
  process.exit(2);
}

const sim = await startSimulator({
  fixturesDir: values.fixtures,
  port: Number(values.port),
  rateScale: Number(values["rate-scale"]),
  spotifyDevMode: values["spotify-dev-mode"],
});
console.log(`provider simulator on ${sim.url} (fixtures ${values.fixtures})`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
