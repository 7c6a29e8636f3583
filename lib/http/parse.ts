import type { z } from "zod";

import { AppError } from "./errors";

/** Request bodies larger than this are refused before parsing. */
export const MAX_JSON_BYTES = 256 * 1024;

/** Reads a JSON body with a size cap and a content-type check, answering 4xx on any mistake. */
export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const text = await readCapped(request, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }

  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);

const MAX_DEPTH = 64;

/**
 * Why PostgreSQL cannot store a string: a NUL character (text refuses it), or a lone UTF-16
 * surrogate (jsonb refuses its escape; text would silently turn it into U+FFFD).
 */
function unstorableText(text: string): string | undefined {
  if (text.includes("\u0000")) return "must not contain NUL characters";
  if (!text.isWellFormed()) return "must be valid Unicode text (it holds a lone surrogate)";

  return undefined;
}

/**
 * The first string (or object key) in the input that PostgreSQL cannot store, or a key that
 * validation would drop unseen, as its path ("" for the input itself) and why. Undefined when
 * there is none.
 */
function unstorablePath(
  value: unknown,
  path: string[] = [],
): { path: string; why: string } | undefined {
  if (path.length > MAX_DEPTH) {
    throw new AppError("bad_request", `The input is nested deeper than ${MAX_DEPTH} levels.`);
  }
  if (typeof value === "string") {
    const why = unstorableText(value);

    return why ? { path: path.join("."), why } : undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  for (const [key, item] of Object.entries(value)) {
    // JSON.parse keeps it as a plain key, but validation skips it: it would vanish silently.
    if (key === "__proto__") {
      return { path: [...path, key].join("."), why: "is a reserved name, not a field" };
    }
    const keyWhy = unstorableText(key);
    if (keyWhy) return { path: path.join("."), why: `field names ${keyWhy}` };
    const found = unstorablePath(item, [...path, key]);
    if (found) return found;
  }

  return undefined;
}

/** Validates input with a zod schema; the first issue names the field and why. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const unstorable = unstorablePath(input);
  if (unstorable) {
    const { path, why } = unstorable;
    const message = path ? `${path}: ${why}.` : `The input ${why}.`;
    throw new AppError("validation_failed", message, path ? { field: path } : {});
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const issue = mostTelling(result.error.issues);
  // zod reports unknown keys on the object holding them; the field at fault is the key itself.
  const path =
    issue?.code === "unrecognized_keys" ? [...issue.path, ...issue.keys.slice(0, 1)] : issue?.path;
  const field = path?.length ? path.join(".") : undefined;
  const message = field ? `${field}: ${issue?.message}` : (issue?.message ?? "Invalid input.");

  throw new AppError("validation_failed", message, field ? { field } : {});
}

/**
 * The first issue, or, on the same field, the one naming the schema's own bound: an integer
 * field given 1e300 fails both its max and zod's safe-integer limit, and the client should
 * hear of the max.
 */
function mostTelling(issues: z.core.$ZodIssue[]): z.core.$ZodIssue | undefined {
  const first = issues[0];
  if (!first || !isIntegerLimit(first)) return first;
  const field = first.path.join(".");

  return issues.find((i) => i.path.join(".") === field && !isIntegerLimit(i)) ?? first;
}

const isIntegerLimit = (issue: z.core.$ZodIssue) =>
  (issue.code === "too_big" || issue.code === "too_small") && issue.origin === "int";

/**
 * Parses URL search params into an object for a zod schema. A parameter given twice is a 422
 * naming it: which value a filter should use is for the caller to say, not for us to guess.
 */
export function searchParamsOf(request: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    // An object's own "__proto__" key slips past schemas' checks for unknown keys.
    if (key === "__proto__") {
      throw new AppError("validation_failed", `${key}: is not a known field.`, { field: key });
    }
    if (Object.hasOwn(params, key)) {
      const message = `${key}: given more than once; give it once.`;
      throw new AppError("validation_failed", message, { field: key });
    }
    params[key] = value;
  }

  return params;
}
