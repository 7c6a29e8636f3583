import { afterEach, describe, expect, it } from "vitest";

import { resetConfigForTests } from "../config";
import {
  clientAddress,
  isLoopbackAddress,
  isLoopbackHost,
  normalizeAddress,
} from "./client-address";
import { demoAllowed } from "./demo-sign-in";
import { assertSameOrigin, ownOrigins } from "./same-origin";

const req = (
  headers: Record<string, string>,
  method = "POST",
  url = "http://localhost:3000/api/x",
) => new Request(url, { method, headers });

describe("client addresses", () => {
  it("takes the right-most x-forwarded-for entry, normalised", () => {
    expect(clientAddress(req({ "x-forwarded-for": "203.0.113.1, 10.0.0.2" }))).toBe("10.0.0.2");
    expect(clientAddress(req({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientAddress(req({ "x-forwarded-for": "not an ip" }))).toBeNull();
    expect(clientAddress(req({}))).toBeNull();
    expect(normalizeAddress("[::1]")).toBe("::1");
  });

  it("knows loopback addresses and host names", () => {
    expect(isLoopbackAddress("127.8.9.10")).toBe(true);
    expect(isLoopbackAddress("::1")).toBe(true);
    expect(isLoopbackAddress("10.0.0.1")).toBe(false);
    expect(isLoopbackHost("localhost:3000")).toBe(true);
    expect(isLoopbackHost("[::1]:3000")).toBe(true);
    expect(isLoopbackHost("127.0.0.1")).toBe(true);
    expect(isLoopbackHost("localhost.evil.example")).toBe(false);
    expect(isLoopbackHost("127.0.0.1.nip.io")).toBe(false);
  });
});

describe("assertSameOrigin", () => {
  it("lets safe methods and same-origin writes through", () => {
    expect(() =>
      assertSameOrigin(req({ "sec-fetch-site": "cross-site" }, "GET"), true),
    ).not.toThrow();
    expect(() => assertSameOrigin(req({ "sec-fetch-site": "same-origin" }), true)).not.toThrow();
    expect(() => assertSameOrigin(req({ origin: "http://localhost:3000" }), true)).not.toThrow();
  });

  it("refuses cross-site writes, and unproven ones when a cookie is the credential", () => {
    expect(() => assertSameOrigin(req({ "sec-fetch-site": "same-site" }), false)).toThrow(
      /Cross-site/,
    );
    expect(() => assertSameOrigin(req({ origin: "http://evil.example" }), false)).toThrow(
      /Cross-site/,
    );
    expect(() => assertSameOrigin(req({ origin: "null" }), false)).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(req({}), true)).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(req({}), false)).not.toThrow();
  });
});

describe("ownOrigins", () => {
  afterEach(() => {
    delete process.env.APP_URL;
    resetConfigForTests();
  });
  const withAppUrl = (url: string) => {
    process.env.APP_URL = url;
    resetConfigForTests();
  };

  it("adds the other loopback names, same scheme and port, to a loopback APP_URL", () => {
    withAppUrl("http://localhost:3000");
    expect(ownOrigins().sort()).toEqual(
      ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"].sort(),
    );
    withAppUrl("http://127.0.0.1:8080/roadie");
    expect(ownOrigins().sort()).toEqual(
      ["http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080"].sort(),
    );
    withAppUrl("https://[::1]");
    expect(ownOrigins().sort()).toEqual(
      ["https://localhost", "https://127.0.0.1", "https://[::1]"].sort(),
    );
  });

  it("adds nothing but the request's own origin to an APP_URL naming another host", () => {
    withAppUrl("https://roadie.example");
    expect(ownOrigins()).toEqual(["https://roadie.example"]);
    expect(ownOrigins(req({}, "POST", "http://10.0.0.5:3000/api/x"))).toEqual([
      "https://roadie.example",
      "http://10.0.0.5:3000",
    ]);
    expect(ownOrigins()).not.toContain("https://localhost");
  });

  it("lets a write from 127.0.0.1 through while APP_URL says localhost, and nothing else", () => {
    withAppUrl("http://localhost:3000");
    const from = (origin: string) => () => assertSameOrigin(req({ origin }), true);
    expect(from("http://127.0.0.1:3000")).not.toThrow();
    expect(from("http://[::1]:3000")).not.toThrow();
    expect(from("http://127.0.0.1:3001")).toThrow(/Cross-site/);
    expect(from("https://127.0.0.1:3000")).toThrow(/Cross-site/);
    expect(from("http://127.0.0.2:3000")).toThrow(/Cross-site/);
    expect(from("http://192.168.1.10:3000")).toThrow(/Cross-site/);
    expect(from("http://localhost.evil.example:3000")).toThrow(/Cross-site/);

    withAppUrl("https://roadie.example");
    const remote = (origin: string) => () =>
      assertSameOrigin(req({ origin }, "POST", "https://roadie.example/api/x"), true);
    expect(remote("https://roadie.example")).not.toThrow();
    expect(remote("http://127.0.0.1:3000")).toThrow(/Cross-site/);
    expect(remote("http://localhost:3000")).toThrow(/Cross-site/);
  });
});

describe("demoAllowed", () => {
  afterEach(() => {
    delete process.env.ROADIE_DEMO;
    delete process.env.APP_URL;
    resetConfigForTests();
  });
  const local = { host: "localhost:3000", "x-forwarded-for": "127.0.0.1" };

  it("needs ROADIE_DEMO=1, a local APP_URL, one loopback hop and a local Host", () => {
    expect(demoAllowed(req(local, "GET"))).toBe(false);
    process.env.ROADIE_DEMO = "1";
    expect(demoAllowed(req(local, "GET"))).toBe(true);
    expect(demoAllowed(req({ host: "localhost:3000" }, "GET"))).toBe(false);
    expect(demoAllowed(req({ ...local, "x-forwarded-for": "127.0.0.1, 127.0.0.1" }, "GET"))).toBe(
      false,
    );
    expect(demoAllowed(req({ ...local, host: "evil.example" }, "GET"))).toBe(false);
    expect(demoAllowed(req({ ...local, "sec-fetch-site": "same-site" }, "GET"))).toBe(false);

    process.env.APP_URL = "https://roadie.example";
    resetConfigForTests();
    expect(demoAllowed(req(local, "GET"))).toBe(false);
  });
});
