import { describe, expect, it } from "vitest";

import { isDatabaseUnavailable } from "./unavailable";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises a server that is down, restarting or dropping connections", () => {
    expect(isDatabaseUnavailable(withCode("ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("57P01", "terminating connection"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("08006"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("P1001"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode("ECONNREFUSED")]))).toBe(true);
    const wrapped = new Error("query failed", { cause: withCode("ECONNREFUSED") });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it("looks inside the driver adapter error Prisma wraps a restarting server's answer in", () => {
    const starting = Object.assign(new Error("Error in the underlying driver adapter"), {
      code: "P2039",
      meta: {
        driverAdapterError: Object.assign(new Error("DriverAdapterError"), {
          cause: { kind: "postgres", code: "57P03", message: "the database system is starting up" },
        }),
      },
    });
    expect(isDatabaseUnavailable(starting)).toBe(true);
    const refused = Object.assign(new Error("x"), {
      code: "P2039",
      meta: { driverAdapterError: { cause: { code: "23505", message: "duplicate key" } } },
    });
    expect(isDatabaseUnavailable(refused)).toBe(false);
    expect(
      isDatabaseUnavailable(new Error("the database system is not yet accepting connections")),
    ).toBe(true);
  });

  it("leaves a statement's own failures to be what they are", () => {
    expect(isDatabaseUnavailable(withCode("23505", "duplicate key"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("42601", "syntax error"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
