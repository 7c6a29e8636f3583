import { describe, expect, it } from "vitest";

import { JOB_DEFINITIONS } from "../../jobs/definitions";
import { selfTest } from "../../jobs/self-test/definition";
import { storedPayloadSchema } from "./job-definition";

describe("stored payloads", () => {
  it("run with keys a later version dropped, which a request may not send", () => {
    const stored = { steps: 2, droppedSince: true };

    expect(selfTest.payload.safeParse(stored).success).toBe(false);
    expect(storedPayloadSchema(selfTest).parse(stored)).toMatchObject({ steps: 2 });
    expect(storedPayloadSchema(selfTest).parse(stored)).not.toHaveProperty("droppedSince");
  });

  it("still refuse what no version would accept, for every type", () => {
    for (const definition of JOB_DEFINITIONS) {
      expect(storedPayloadSchema(definition).safeParse("not an object").success).toBe(false);
    }
  });
});
