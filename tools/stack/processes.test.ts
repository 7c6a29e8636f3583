import { describe, expect, it } from "vitest";

import { startProcess } from "./processes";

describe("a managed process", () => {
  it("says which signal ended it, with the exit code a shell would give", async () => {
    const proc = startProcess("sleeper", "sleep", ["30"], process.env);
    expect(proc.signal()).toBeNull();
    proc.child.kill("SIGKILL");

    expect(await proc.exited).toBe(137);
    expect(proc.signal()).toBe("SIGKILL");
  });

  it("gives its own exit code when it ends by itself", async () => {
    const proc = startProcess("quitter", "sh", ["-c", "exit 3"], process.env);

    expect(await proc.exited).toBe(3);
    expect(proc.signal()).toBeNull();
  });
});
