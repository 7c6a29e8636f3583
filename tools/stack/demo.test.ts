import path from "node:path";

import { describe, expect, it } from "vitest";

import { demoDataDir, demoRefusal } from "./demo";

describe("demoDataDir", () => {
  it("is a folder of its own inside ROADIE_DATA_DIR, never ROADIE_DATA_DIR itself", () => {
    expect(demoDataDir("/work/roadie/.data")).toBe("/work/roadie/.data/demo");
    expect(demoDataDir("/srv/roadie")).toBe("/srv/roadie/demo");
    for (const dir of ["/srv/roadie", "/srv/roadie/", ".data"]) {
      expect(path.resolve(demoDataDir(dir))).not.toBe(path.resolve(dir));
    }
  });
});

describe("demoRefusal", () => {
  const local = { APP_URL: "http://localhost:3000" };

  it("lets the demo start on this machine's own address with its own database", () => {
    expect(demoRefusal(local, false)).toBeNull();
    expect(demoRefusal({ APP_URL: "http://127.0.0.1:3210" }, false)).toBeNull();
    expect(demoRefusal({ APP_URL: "http://[::1]:3000" }, false)).toBeNull();
  });

  it("refuses to seed the database DATABASE_URL names unless asked to", () => {
    const external = { ...local, DATABASE_URL: "postgresql://roadie@127.0.0.1:5432/roadie" };
    expect(demoRefusal(external, false)).toMatch(
      /DATABASE_URL is set.*password-less administrator.*--use-database-url/,
    );
    expect(demoRefusal(external, true)).toBeNull();
  });

  it("refuses an APP_URL that names another host, even when asked to use DATABASE_URL", () => {
    expect(demoRefusal({ APP_URL: "https://roadie.example" }, false)).toMatch(/APP_URL/);
    expect(demoRefusal({ APP_URL: "http://192.168.1.10:3000" }, true)).toMatch(/APP_URL/);
    expect(demoRefusal({ APP_URL: "http://localhost.evil.example:3000" }, false)).toMatch(
      /APP_URL/,
    );
  });
});
