import { describe, expect, it } from "vitest";
import { z } from "zod";

import { AppError } from "./errors";
import { parseInput, readJson, searchParamsOf } from "./parse";

const post = (body: string, type = "application/json") =>
  new Request("http://localhost/api/x", {
    method: "POST",
    body,
    headers: { "content-type": type },
  });

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

describe("readJson", () => {
  it("parses a JSON body", async () => {
    await expect(readJson(post('{"a":1}'))).resolves.toEqual({ a: 1 });
  });

  it("answers 415 for another content type", async () => {
    expect((await errorOf(readJson(post("a=1", "text/plain")))).status).toBe(415);
  });

  it("answers 400 for broken JSON", async () => {
    expect((await errorOf(readJson(post("{")))).code).toBe("bad_request");
  });

  it("answers 413 past the size cap, without reading the rest", async () => {
    expect((await errorOf(readJson(post(`"${"x".repeat(200)}"`), 100))).status).toBe(413);
  });
});

describe("parseInput", () => {
  const schema = z.object({ artist: z.object({ id: z.uuid() }) });

  it("names the first failing field", () => {
    const err = (() => {
      try {
        parseInput(schema, { artist: { id: "nope" } });
      } catch (e) {
        return e as AppError;
      }
    })();

    expect(err?.status).toBe(422);
    expect(err?.toBody().error.field).toBe("artist.id");
  });
});

describe("parseInput and numbers past every bound", () => {
  it("names the field's own limit, not zod's safe-integer one", () => {
    const schema = z.object({ steps: z.number().int().min(0).max(10_000) });
    for (const steps of [1e300, -1e300]) {
      let thrown: unknown;
      try {
        parseInput(schema, { steps });
      } catch (err) {
        thrown = err;
      }
      const body = (thrown as AppError).toBody().error;
      expect((thrown as AppError).status).toBe(422);
      expect(body.field).toBe("steps");
      expect(body.message).toMatch(steps > 0 ? /<=10000/ : />=0/);
    }
  });
});

describe("parseInput and unknown keys", () => {
  it("names an unknown key itself as the field, not the object holding it", () => {
    const strict = z.strictObject({ payload: z.strictObject({ steps: z.number() }) });
    const refusal = (input: unknown) => {
      try {
        parseInput(strict, input);
      } catch (e) {
        return (e as AppError).toBody().error;
      }
    };

    expect(refusal({ payload: { steps: 1 }, priorty: "urgent" })).toMatchObject({
      field: "priorty",
      message: expect.stringMatching(/^priorty: /),
    });
    expect(refusal({ payload: { steps: 1, stepz: 3 } })?.field).toBe("payload.stepz");
  });

  it("refuses a __proto__ key, which validation would otherwise drop unseen", () => {
    const strict = z.strictObject({ payload: z.strictObject({ steps: z.number() }) });
    const input = JSON.parse('{"payload":{"steps":1,"__proto__":{"steps":2}}}') as unknown;

    let refusal: ReturnType<AppError["toBody"]>["error"] | undefined;
    try {
      parseInput(strict, input);
    } catch (e) {
      refusal = (e as AppError).toBody().error;
    }

    expect(refusal).toMatchObject({
      code: "validation_failed",
      field: "payload.__proto__",
      message: "payload.__proto__: is a reserved name, not a field.",
    });
  });
});

describe("parseInput and text PostgreSQL cannot store", () => {
  const schema = z.object({ q: z.string(), tags: z.array(z.string()).optional() });

  it("refuses a NUL anywhere in the input, naming where (PostgreSQL cannot store it)", () => {
    const err = (() => {
      try {
        parseInput(schema, { q: "ok", tags: ["fine", "bad\u0000"] });
      } catch (e) {
        return e as AppError;
      }
    })();

    expect(err?.status).toBe(422);
    expect(err?.toBody().error.field).toBe("tags.1");
  });

  it("refuses a lone surrogate in a value or a key, and keeps well-formed pairs", () => {
    const refusal = (input: unknown) => {
      try {
        parseInput(z.record(z.string(), z.unknown()), input);
      } catch (e) {
        return (e as AppError).toBody().error;
      }
    };

    expect(refusal({ payload: { label: "lone \ud800" } })).toMatchObject({
      field: "payload.label",
      message: expect.stringMatching(/lone surrogate/),
    });
    expect(refusal({ payload: { ["k\udc00"]: 1 } })).toMatchObject({ field: "payload" });
    expect(refusal({ label: "a pair \ud83c\udfb5 is fine" })).toBeUndefined();
  });

  it("refuses input nested deeper than it will walk", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100; i += 1) deep = { d: deep };

    expect(() => parseInput(schema, deep)).toThrow(/nested deeper/);
  });
});

describe("searchParamsOf", () => {
  const refusal = (query: string) => {
    try {
      searchParamsOf(new Request(`http://localhost/api/jobs?${query}`));
    } catch (err) {
      return err instanceof AppError ? { status: err.status, ...err.toBody().error } : err;
    }

    return undefined;
  };

  it("reads each parameter once", () => {
    const request = new Request("http://localhost/api/jobs?status=failed&q=a%20b&limit=5");

    expect(searchParamsOf(request)).toEqual({ status: "failed", q: "a b", limit: "5" });
  });

  it("refuses a parameter given twice, naming it, rather than picking one", () => {
    expect(refusal("status=completed&status=cancelled")).toMatchObject({
      status: 422,
      code: "validation_failed",
      field: "status",
      message: "status: given more than once; give it once.",
    });
  });

  it("refuses __proto__, which an object would not keep as a key", () => {
    expect(refusal("__proto__=1")).toMatchObject({ status: 422, field: "__proto__" });
  });
});
