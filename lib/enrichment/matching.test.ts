import { describe, expect, it } from "vitest";

import { artistQuery, escapeLucene } from "../providers/musicbrainz";
import type { MbArtistSummary } from "../providers/musicbrainz-schema";
import { decideMatch, exactCandidates } from "./match-artist";
import { nameKey, sameName } from "./normalize-name";

const candidate = (over: Partial<MbArtistSummary>): MbArtistSummary => ({
  id: "00000000-0000-0000-0000-000000000000",
  name: "X",
  sortName: null,
  score: 100,
  type: null,
  gender: null,
  country: null,
  area: null,
  beginArea: null,
  endArea: null,
  beginDate: null,
  endDate: null,
  ended: null,
  disambiguation: null,
  aliases: [],
  ...over,
});

describe("escapeLucene", () => {
  it.each([
    ["AC/DC", "AC\\/DC"],
    ["!!!", "\\!\\!\\!"],
    ["P!nk", "P\\!nk"],
    ['Say "Hi"', 'Say \\"Hi\\"'],
    [
      "a+b-c&&d||e(f){g}[h]^i~j*k?l:m\\n",
      "a\\+b\\-c\\&\\&d\\|\\|e\\(f\\)\\{g\\}\\[h\\]\\^i\\~j\\*k\\?l\\:m\\\\n",
    ],
  ])("escapes %s", (name, escaped) => {
    expect(escapeLucene(name)).toBe(escaped);
  });

  it("searches the name or an alias as a phrase", () => {
    expect(artistQuery("AC/DC")).toBe('artist:"AC\\/DC" OR alias:"AC\\/DC"');
  });
});

describe("name normalisation", () => {
  it.each([
    ["Bjork", "Björk"],
    ["Sigur Ros", "Sigur Rós"],
    ["TOOL", "Tool"],
    ["ACDC", "AC/DC"],
    ["AC-DC", "AC/DC"],
    ["Guns and Roses", "Guns N' Roses"],
    ["Guns N Roses", "Guns N’ Roses"],
    ["Rock 'n' Roll Band", "Rock and Roll Band"],
    ["Simon & Garfunkel", "Simon and Garfunkel"],
    ["“Weird Al” Yankovic", '"Weird Al" Yankovic'],
    ["Beatles", "The Beatles"],
    ["!!!", "!!!"],
  ])("%s equals %s", (a, b) => {
    expect(sameName(a, b)).toBe(true);
  });

  it.each([
    ["Bush", "Kate Bush"],
    ["Pink", "P!nk"],
    ["!!!", "???"],
    ["Radiohead", "On a Friday"],
  ])("%s differs from %s", (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });

  it("keeps punctuation-only names comparable", () => {
    expect(nameKey("!!!")).toBe("!!!");
  });
});

describe("matching", () => {
  it("accepts one exact candidate by alias or sort name", () => {
    const pink = candidate({
      name: "P!nk",
      aliases: [{ name: "Pink", sortName: "Pink", locale: null, type: null }],
    });
    const exact = exactCandidates("Pink", [pink, candidate({ name: "Pink Floyd" })]);

    expect(exact).toHaveLength(1);
    expect(decideMatch(exact)).toMatchObject({
      kind: "accepted",
      candidate: { matchedOn: "alias" },
    });
    expect(
      exactCandidates("Beatles", [candidate({ name: "The Beatles", sortName: "Beatles, The" })]),
    ).toHaveLength(1);
  });

  it("prefers the accent-exact spelling (Adele is not Adèle)", () => {
    const exact = exactCandidates("Adele", [
      candidate({ id: "a", name: "Adèle" }),
      candidate({ id: "b", name: "Adele" }),
    ]);

    expect(decideMatch(exact)).toMatchObject({
      kind: "accepted",
      candidate: { artist: { id: "b" } },
    });
  });

  it("needs review when nothing separates several candidates", () => {
    const exact = exactCandidates("Nirvana", [
      candidate({ id: "a", name: "Nirvana", country: "US" }),
      candidate({ id: "b", name: "Nirvana", country: "GB" }),
    ]);

    expect(decideMatch(exact).kind).toBe("ambiguous");
    expect(decideMatch(exact, { lastfmMbid: "b" })).toMatchObject({
      kind: "accepted",
      candidate: { artist: { id: "b" } },
    });
    expect(decideMatch(exact, { hints: { country: "US" } })).toMatchObject({
      candidate: { artist: { id: "a" } },
    });
    const links = new Map([["a", ["4Z8W4fKeB5YxbusRsdQVPb"]]]);
    expect(
      decideMatch(exact, { spotifyLinks: links, spotifyIds: ["4Z8W4fKeB5YxbusRsdQVPb"] }),
    ).toMatchObject({
      candidate: { artist: { id: "a" } },
    });
  });

  it("finds nothing for a substring (Bush is not Kate Bush)", () => {
    expect(decideMatch(exactCandidates("Bush", [candidate({ name: "Kate Bush" })]))).toEqual({
      kind: "none",
    });
  });
});
