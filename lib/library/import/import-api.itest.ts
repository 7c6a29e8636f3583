import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET as getImport } from "../../../app/api/imports/[id]/route";
import { POST as postImport } from "../../../app/api/imports/route";
import { createAppJobsKit, type JobsKit } from "../../jobs/jobs-test-kit";
import { createUser, type TestUser, testRequest } from "../../testing/users";
import type { ImportDetail, ImportSummary } from "./import-dto";

const none = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

describe("POST /api/imports", () => {
  let kit: JobsKit;
  let member: TestUser;

  beforeAll(async () => {
    kit = await createAppJobsKit();
    member = await createUser(kit.database.db);
    await kit.database.db.artist.create({ data: { name: "Portishead" } });
  });

  afterAll(async () => {
    await kit.close();
  });

  const postJson = (json: unknown) =>
    postImport(
      testRequest("/api/imports", { as: member, via: "cookie" }, { method: "POST", json }),
      none,
    );

  function postFile(bytes: Uint8Array | string, fileName: string, format?: string) {
    const form = new FormData();
    form.set(
      "file",
      new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)]),
      fileName,
    );
    if (format) form.set("format", format);
    const request = testRequest("/api/imports", { as: member, via: "token" }, { method: "POST" });

    return postImport(new Request(request, { body: form }), none);
  }

  async function detail(id: string): Promise<ImportDetail> {
    const res = await getImport(
      testRequest(`/api/imports/${id}`, { as: member, via: "token" }),
      withId(id),
    );

    return ((await res.json()) as { import: ImportDetail }).import;
  }

  it("takes pasted text, reporting blank, repeated and known names per line", async () => {
    const res = await postJson({
      format: "text",
      text: "Radiohead\n\n  björk \nRADIOHEAD\nportishead\n",
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as {
      import: ImportSummary;
      job: { id: string; status: string };
    };

    expect(body.import.counts).toEqual({
      pending: 2,
      created: 0,
      existing: 1,
      duplicate: 1,
      invalid: 1,
    });
    expect(body.job).toMatchObject({ status: "queued", type: "bulk_artist_import" });
    const stored = await detail(body.import.id);
    expect(stored.jobId).toBe(body.job.id);
    expect(stored.issues.map((i) => [i.line, i.outcome, i.message])).toEqual([
      [2, "invalid", "Blank line."],
      [4, "duplicate", "Same artist as line 1."],
      [5, "existing", "Already in the library."],
    ]);
    const rows = await kit.database.db.artistImportRow.findMany({
      where: { importId: body.import.id },
    });
    expect(rows.find((r) => r.line === 3)?.name).toBe("björk");
  });

  it("reads CSV with a header, quoted fields and optional ids", async () => {
    const csv = [
      "name,mbid,spotify_id",
      '"Crosby, Stills & Nash",,',
      '"The ""Band""",not-an-mbid,',
      "Tool,66fc5bf8-daa4-4241-b378-9bc9077939d2,",
      "",
      '"Multi\nline",,',
      "Tool,,",
    ].join("\r\n");
    const res = await postFile(csv, "artists.csv");
    expect(res.status).toBe(202);
    const { import: summary } = (await res.json()) as { import: ImportSummary };
    const rows = await kit.database.db.artistImportRow.findMany({
      where: { importId: summary.id },
      orderBy: { line: "asc" },
    });

    expect(summary.format).toBe("csv");
    expect(rows.map((r) => [r.line, r.name, r.outcome])).toEqual([
      [2, "Crosby, Stills & Nash", "pending"],
      [3, 'The "Band"', "invalid"],
      [4, "Tool", "pending"],
      [5, "", "invalid"],
      [6, "Multi line", "pending"],
      [8, "Tool", "duplicate"],
    ]);
    expect(rows[2]?.mbid).toBe("66fc5bf8-daa4-4241-b378-9bc9077939d2");
  });

  it("refuses a CSV without a name column and an unclosed quote with 422", async () => {
    const noName = await postFile("artist_name\nTool\n", "a.csv");
    expect(noName.status).toBe(422);
    expect((await noName.json()).error).toMatchObject({ field: "file" });
    const unclosed = await postFile('name\n"Tool\n', "b.csv");
    expect(unclosed.status).toBe(422);
  });

  it("reads a JSON list of strings and objects, reporting bad elements", async () => {
    const json = JSON.stringify(["Motorhead", { name: "AC/DC", mbid: null }, 42, { title: "x" }]);
    const res = await postJson({ format: "json", text: json });
    expect(res.status).toBe(202);
    const { import: summary } = (await res.json()) as { import: ImportSummary };
    expect(summary.counts).toMatchObject({ pending: 2, invalid: 2 });

    const bad = await postJson({ format: "json", text: "[1," });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/not valid JSON/);
  });

  it("refuses with 422 an import none of whose rows names an artist, writing nothing", async () => {
    const written = async () => ({
      imports: await kit.database.db.artistImport.count(),
      rows: await kit.database.db.artistImportRow.count(),
      jobs: await kit.database.db.job.count({ where: { type: "bulk_artist_import" } }),
    });
    const before = await written();

    const blank = await postJson({ format: "text", text: "\n\n  \n" });
    expect(blank.status).toBe(422);
    expect((await blank.json()).error).toMatchObject({
      code: "validation_failed",
      field: "text",
      message: "text: no row holds an artist name to import; of 3 rows, 3 blank.",
      rows: 3,
      blank: 3,
      invalid: 0,
    });
    const json = JSON.stringify([[["a"]], 5, null, { name: 42 }, " "]);
    const noNames = await postJson({ format: "json", text: json });
    expect(noNames.status).toBe(422);
    const { error } = await noNames.json();
    expect(error).toMatchObject({ field: "text", rows: 5, blank: 1, invalid: 4 });
    expect(error.message).toMatch(/1 blank, 4 invalid \(line 1: No artist name/);
    const upload = await postFile("name,mbid\n,\nTool,not-an-mbid\n", "bad.csv");
    expect(upload.status).toBe(422);
    expect((await upload.json()).error).toMatchObject({ field: "file", blank: 1, invalid: 1 });
    expect(await written()).toEqual(before);
  });

  it("refuses an unknown field in the JSON body with 422 naming it", async () => {
    const res = await postJson({ format: "text", text: "Tool", filename: "a.txt" });

    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ field: "filename" });
  });

  it("reports lines that are not UTF-8 instead of storing garbage", async () => {
    const latin1 = Buffer.concat([
      Buffer.from("Sigur Ros\nMot"),
      Buffer.from([0xf6]),
      Buffer.from("rhead\n"),
    ]);
    const res = await postFile(latin1, "names.txt");
    const { import: summary } = (await res.json()) as { import: ImportSummary };
    const issues = (await detail(summary.id)).issues;

    expect(issues).toEqual([
      expect.objectContaining({
        line: 2,
        outcome: "invalid",
        message: "The line is not valid UTF-8 text.",
      }),
    ]);
  });

  it("answers 413 over 2 MB and 422 over 10,000 rows", async () => {
    const big = await postFile("x".repeat(2 * 1024 * 1024 + 10), "big.txt");
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("payload_too_large");

    const many = Array.from({ length: 10_001 }, (_, i) => `Artist ${i}`).join("\n");
    const tooMany = await postJson({ format: "text", text: many });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).error).toMatchObject({ field: "file", rows: 10_001 });
  });

  it("accepts 5,000 rows at once", async () => {
    const text = Array.from({ length: 5_000 }, (_, i) => `Band number ${i}`).join("\n");
    const started = performance.now();
    const res = await postJson({ format: "text", text });
    const ms = performance.now() - started;

    expect(res.status).toBe(202);
    expect(((await res.json()) as { import: ImportSummary }).import.acceptedRows).toBe(5_000);
    expect(ms).toBeLessThan(3_000);
  });
});
