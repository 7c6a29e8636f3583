// Generators of malformed HTTP input for the property test in lib/http/malformed-requests.itest.ts:
// hostile strings, bodies of every shape, wrong content types, invalid ids and query values.
import fc from "fast-check";

const HUGE = "x".repeat(300 * 1024);
const hostileStrings = fc.oneof(
  fc.constantFrom(
    "\uD800",
    "\uDFFF",
    "a\uDC00b\uD83D",
    "\u202Eelif.exe\u202C",
    "\u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD",
    "\u200B\u200C\u200D\u2060\uFEFF",
    "🎸🤘🏽👩‍👩‍👧‍👦🏳️‍🌈",
    "e\u0301\u0301\u0301\u0301",
    "\u0000",
    "'; DROP TABLE job; --",
    "%00%ff",
    "../../etc/passwd",
    "NaN",
    "-1",
    "1e309",
    "null",
    "   ",
    "",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 12 }).map((s) => s.repeat(2_000)),
  fc.constant("é".repeat(70_000)),
);

const FIELDS = [
  "name",
  "email",
  "password",
  "role",
  "type",
  "payload",
  "priority",
  "artistId",
  "artistIds",
  "forceRefresh",
  "title",
  "year",
  "sourceUrl",
  "mbid",
  "spotifyId",
  "videoIds",
  "items",
  "label",
  "steps",
  "stepMs",
  "format",
  "text",
  "content",
  "rows",
  "expiresInDays",
  "status",
  "channel_name",
  "socket_id",
  "lockedFields",
  "dedupeKey",
  "tags",
  "runAt",
  "artistName",
  "fileName",
  "token",
  "id",
  "callbackURL",
  "rememberMe",
  "count",
];

const leaf = fc.oneof(
  hostileStrings,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 2 ** 53 + 1, 1e308),
);
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), tie("value"), {
      maxKeys: 5,
    }),
  ),
}));

function deep(depth: number, kind: "array" | "object"): string {
  return kind === "array"
    ? `${"[".repeat(depth)}1${"]".repeat(depth)}`
    : `${'{"payload":'.repeat(depth)}1${"}".repeat(depth)}`;
}

export const bodies = fc.oneof(
  fc.record({
    kind: fc.constant("json" as const),
    value: fc.dictionary(fc.constantFrom(...FIELDS), jsonValue, { maxKeys: 6 }),
  }),
  fc.record({ kind: fc.constant("json" as const), value: jsonValue }),
  fc.record({
    kind: fc.constant("raw" as const),
    text: fc.oneof(
      fc.constantFrom("{", '{"name":', "[1,2,", "\uD800", "{'a':1}", "undefined", "\u0000{}"),
      fc.integer({ min: 1_000, max: 100_000 }).map((d) => deep(d, "array")),
      fc.integer({ min: 1_000, max: 20_000 }).map((d) => deep(d, "object")),
      fc.constant(JSON.stringify({ name: HUGE })),
      fc.string({ unit: "binary", maxLength: 200 }),
    ),
  }),
  fc.constant({ kind: "none" as const }),
);

export const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=roadie",
  "text/csv",
  "application/jsonp",
  "",
  undefined,
);

export const params = fc.oneof(
  hostileStrings,
  fc.uuid(),
  fc.constantFrom(
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "1",
    "%2e%2e",
    "x".repeat(5000),
  ),
);

const QUERY_KEYS = [
  "status",
  "type",
  "q",
  "cursor",
  "limit",
  "createdBy",
  "sort",
  "artistId",
  "enrichmentStatus",
  "page",
];
export const queries = fc.dictionary(fc.constantFrom(...QUERY_KEYS), hostileStrings, {
  maxKeys: 4,
});
export const callers = fc.constantFrom(
  "admin-token",
  "member-cookie",
  "admin-cookie",
  "bad-token",
  "none",
);
const AUTH_SEGMENTS = [
  "get-session",
  "sign-in",
  "email",
  "sign-out",
  "sign-up",
  "list-sessions",
  "update-user",
  "change-password",
  "reset-password",
  "verify-email",
];
export const catchAll = fc.array(fc.oneof(fc.constantFrom(...AUTH_SEGMENTS), hostileStrings), {
  minLength: 0,
  maxLength: 3,
});
