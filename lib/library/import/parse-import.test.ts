import { describe, expect, it } from "vitest";

import { parseCsv } from "./csv";
import { decodeUpload, parseImport } from "./parse-import";

describe("parseCsv", () => {
  it("keeps commas, doubled quotes and newlines inside quotes, and reports record lines", () => {
    const records = parseCsv('name\r\n"a, b"\r\n"say ""hi"""\n"two\nlines",x\n\nlast');

    expect(records).toEqual([
      { line: 1, fields: ["name"] },
      { line: 2, fields: ["a, b"] },
      { line: 3, fields: ['say "hi"'] },
      { line: 4, fields: ["two\nlines", "x"] },
      { line: 6, fields: [""] },
      { line: 7, fields: ["last"] },
    ]);
  });
});

describe("parseImport", () => {
  it("marks blank, repeated and badly encoded lines instead of dropping them", () => {
    const text = decodeUpload(
      new Uint8Array([...Buffer.from("A\n\nb\nMot"), 0xf6, ...Buffer.from("r\na\n")]),
    );
    const rows = parseImport("text", text);

    expect(rows.map((r) => [r.line, r.outcome])).toEqual([
      [1, "pending"],
      [2, "invalid"],
      [3, "pending"],
      [4, "invalid"],
      [5, "duplicate"],
    ]);
  });

  it("treats the same MBID under two names as one artist", () => {
    const mbid = "66fc5bf8-daa4-4241-b378-9bc9077939d2";
    const rows = parseImport(
      "json",
      JSON.stringify([
        { name: "Tool", mbid },
        { name: "TOOL (band)", mbid },
      ]),
    );

    expect(rows[1]).toMatchObject({ outcome: "duplicate", message: "Same artist as line 1." });
  });

  it("refuses more than 10,000 rows as a whole", () => {
    expect(() => parseImport("text", "x\n".repeat(10_001))).toThrow(/at most 10000/);
  });
});

describe("binary and UTF-16 uploads", () => {
  it("reports a line holding NUL or other control characters, keeping what can be stored", () => {
    const rows = parseImport("text", decodeUpload(new TextEncoder().encode("Good\nBad\u0000Name\n")));

    expect(rows[0]).toMatchObject({ name: "Good", outcome: "pending" });
    expect(rows[1]).toMatchObject({ name: "BadName", outcome: "invalid" });
    expect(rows[1]?.message).toMatch(/control characters/);
  });

  it("refuses UTF-16 text, saying which encoding to use", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x6e, 0x00, 0x61, 0x00]);

    expect(() => decodeUpload(utf16)).toThrow(/UTF-16.*UTF-8/);
  });
});
