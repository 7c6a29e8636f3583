import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { lucenePhrase } from "./handlers";

const repoCopy = path.resolve(import.meta.dirname, "fixtures");
const shared = path.resolve(import.meta.dirname, "../../../shared/fixtures/providers");

function tree(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, tree(dir, rel));
    else out[rel] = readFileSync(path.join(dir, rel), "utf8");
  }

  return out;
}

describe("simulator fixtures", () => {
  it.runIf(existsSync(shared))("the repository copy equals the shared fixtures", () => {
    expect(tree(repoCopy)).toEqual(tree(shared));
  });

  it("reads escaped Lucene phrases and refuses unescaped specials", () => {
    expect(lucenePhrase('artist:"AC\\/DC" OR alias:"AC\\/DC"')).toBe("AC/DC");
    expect(lucenePhrase('artist:"\\!\\!\\!"')).toBe("!!!");
    expect(lucenePhrase('artist:"AC/DC"')).toBeNull();
  });
});
