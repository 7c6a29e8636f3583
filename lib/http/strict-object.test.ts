import { describe, expect, it } from "vitest";
import { z } from "zod";

import { JOB_DEFINITIONS } from "../../jobs/definitions";
import {
  acceptInviteSchema,
  createTokenSchema,
  createUserSchema,
  setupSchema,
  updateUserSchema,
} from "../auth/schemas";
import { createJobBody, enrichMetadataBody, updateJobBody } from "../jobs/job-dto";
import { enrichMissingBody, resolveArtistBody, updateArtistBody } from "../library/artist-dto";
import { createImportBody } from "../library/import/import-dto";
import {
  createPlaylistBody,
  createVideoBody,
  updatePlaylistBody,
  updateVideoBody,
} from "../library/video-dto";
import { strictObject } from "./strict-object";

const ID = "6f1c3c0e-2f4b-4a43-9f4e-1d5a2b7c8e90";
const person = { name: "Dana", email: "dana@example.test", password: "dana's password" };

/** Every JSON request body the API reads, with a smallest body it accepts. */
const BODIES: [string, z.ZodType, Record<string, unknown>][] = [
  ["POST /api/jobs", createJobBody, { type: "self_test" }],
  ["PATCH /api/jobs/:id", updateJobBody, { priority: "high" }],
  ["POST /api/jobs/enrich-metadata", enrichMetadataBody, { artistId: ID }],
  ["PATCH /api/artists/:id", updateArtistBody, { unlock: ["mbid"] }],
  ["POST /api/artists/:id/resolve", resolveArtistBody, { mbid: ID }],
  ["POST /api/artists/enrich-missing", enrichMissingBody, {}],
  ["POST /api/videos", createVideoBody, { title: "Karma Police" }],
  ["PATCH /api/videos/:id", updateVideoBody, { year: 1997 }],
  ["POST /api/playlists", createPlaylistBody, { name: "Nineties" }],
  ["PATCH /api/playlists/:id", updatePlaylistBody, { videoIds: [ID] }],
  ["POST /api/imports", createImportBody, { format: "text", text: "Tool" }],
  ["POST /api/auth/setup", setupSchema, person],
  ["POST /api/users", createUserSchema, person],
  ["PATCH /api/users/:id", updateUserSchema, { disabled: true }],
  [
    "POST /api/auth/invite",
    acceptInviteSchema,
    { token: "t".repeat(20), password: "p".repeat(12) },
  ],
  ["POST /api/tokens", createTokenSchema, { name: "laptop" }],
];

const unknownKeysIn = (schema: z.ZodType, input: unknown) =>
  (schema.safeParse(input).error?.issues ?? []).filter((i) => i.code === "unrecognized_keys");

describe("request bodies refuse fields they do not know", () => {
  it.each(BODIES)("%s", (_, schema, smallest) => {
    expect(schema.safeParse(smallest).success).toBe(true);

    const [issue] = unknownKeysIn(schema, { ...smallest, zzz: 1 });
    expect(issue).toMatchObject({ path: [], keys: ["zzz"] });
    expect(issue?.message).toMatch(/^is not a known field; known fields: /);
  });

  it("the artist edit refuses an unknown field among the edited ones", () => {
    expect(unknownKeysIn(updateArtistBody, { fields: { nmae: "x" } })).toEqual([
      expect.objectContaining({ path: ["fields"], keys: ["nmae"] }),
    ]);
  });
});

describe("job payloads refuse fields they do not know", () => {
  it.each(JOB_DEFINITIONS.map((d) => [d.type, d] as const))("%s", (_, definition) => {
    expect(unknownKeysIn(definition.payload, { zzz: 1 })).toEqual([
      expect.objectContaining({ path: [], keys: ["zzz"] }),
    ]);
  });
});

describe("strictObject", () => {
  const schema = strictObject({ steps: z.number(), label: strictObject({ text: z.string() }) });

  it("lists the known fields, and counts the other unknown ones", () => {
    const [top] = unknownKeysIn(schema, { steps: 1, a: 1, b: 2, c: 3 });
    const [nested] = unknownKeysIn(schema, { steps: 1, label: { text: "x", txt: "y" } });

    expect(top?.message).toBe(
      "is not a known field (nor are 2 others); known fields: steps, label.",
    );
    expect(nested).toMatchObject({
      path: ["label"],
      keys: ["txt"],
      message: "is not a known field; known fields: text.",
    });
  });
});
