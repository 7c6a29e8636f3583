import { afterEach, describe, expect, it } from "vitest";

import { config, resetConfigForTests } from "./config";

describe("settings from the environment", () => {
  const saved = { PORT: process.env.PORT, APP_URL: process.env.APP_URL };

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfigForTests();
  });

  it("points APP_URL at this machine on the app's own port when it is not set", () => {
    process.env.PORT = "3700";
    delete process.env.APP_URL;
    resetConfigForTests();

    expect(config().APP_URL).toBe("http://localhost:3700");
  });

  it("keeps an APP_URL that is set", () => {
    process.env.PORT = "3700";
    process.env.APP_URL = "https://roadie.example";
    resetConfigForTests();

    expect(config().APP_URL).toBe("https://roadie.example");
  });
});
