import { createHash } from "node:crypto";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { generateTokenSecret, hashToken, parseBearer, TOKEN_PREFIX } from "./api-tokens";

describe("API token secrets", () => {
  it("are random, prefixed and 256 bits long", () => {
    const a = generateTokenSecret();
    const b = generateTokenSecret();
    expect(a).not.toBe(b);
    expect(a.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(Buffer.from(a.slice(TOKEN_PREFIX.length), "base64url")).toHaveLength(32);
  });

  it("are stored as hex SHA-256", () => {
    const secret = generateTokenSecret();
    expect(hashToken(secret)).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(hashToken(secret)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("parseBearer", () => {
  const secret = generateTokenSecret();

  it("reads a well-formed bearer token, whatever the scheme's case and spacing", () => {
    expect(parseBearer(`Bearer ${secret}`)).toBe(secret);
    expect(parseBearer(`bearer   ${secret}  `)).toBe(secret);
  });

  it("refuses anything else", () => {
    for (const header of [
      null,
      "",
      "Bearer",
      `Basic ${secret}`,
      `Bearer ${secret}x`,
      `Bearer ${secret} extra`,
      `Bearer ${secret.slice(4)}`,
      "Bearer rdt_short",
      `Token ${secret}`,
    ]) {
      expect(parseBearer(header), String(header)).toBeNull();
    }
  });

  it("never accepts what the generator cannot produce", () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const parsed = parseBearer(`Bearer ${junk}`);
        expect(parsed === null || /^rdt_[A-Za-z0-9_-]{43}$/.test(parsed)).toBe(true);
      }),
    );
  });
});
