import { afterEach, describe, expect, it } from "vitest";

import { resetConfigForTests } from "../config";
import {
  clientAddress,
  isLoopbackAddress,
  isLoopbackHost,
  normalizeAddress,
} from "./client-address";
import { demoAllowed } from "./demo-sign-in";
import { assertSameOrigin } from "./same-origin";

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
