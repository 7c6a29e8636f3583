import { jobServices } from "./job-services";

/** The bench-only reference route is on only when ROADIE_BENCH=1. */
export const benchEnabled = () => process.env.ROADIE_BENCH === "1";

/** A bare pg-boss send to the self_test queue, scheduled far ahead so no runner works it. */
export async function benchSend(): Promise<string | null> {
  const { boss } = await jobServices();

  return boss.send("self_test", { steps: 0 }, { startAfter: new Date(Date.now() + 86_400_000) });
}
