import type { z } from "zod";

import { metadataEnrichment } from "../../jobs/metadata-enrichment/definition";
import type { Actor } from "../auth/actor";
import type { Db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../http/errors";
import { enrichmentKeyOf } from "../jobs/enqueue-enrichment";
import { enqueuePrepared, prepareJob } from "../jobs/enqueue-job";
import type { JobServices } from "../jobs/job-services";
import { queryRows } from "../jobs/sql";
import type { CandidateView, enrichMissingBody, updateArtistBody } from "./artist-dto";
import { withJobTransaction } from "./join-transaction";

/** Where a person's own value came from, in fieldSources. */
const BY_PERSON = "user";

/**
 * PATCH /api/artists/:id: sets the given fields and locks them (enrichment never overwrites a
 * locked field), and unlocks others. Each edited field's source becomes the person who set it.
 */
export async function updateArtist(
  db: Db,
  actor: Actor,
  id: string,
  body: z.output<typeof updateArtistBody>,
): Promise<void> {
  const artist = await db.artist.findUnique({
    where: { id },
    select: { lockedFields: true, fieldSources: true },
  });
  if (!artist) throw notFound("The artist");

  const edited = Object.keys(body.fields);
  const at = new Date().toISOString();
  const sources = { ...(artist.fieldSources as Record<string, unknown>) };
  for (const field of edited) sources[field] = { source: BY_PERSON, at, by: actor.name };
  const locked = new Set(artist.lockedFields);
  for (const field of body.unlock) locked.delete(field);
  // The library name is never written by enrichment, so it needs no lock.
  for (const field of edited) if (field !== "name") locked.add(field);
  const { country, ...rest } = body.fields;

  await db.artist.update({
    where: { id },
    data: {
      ...rest,
      ...(country !== undefined ? { country: country?.toUpperCase() ?? null } : {}),
      lockedFields: [...locked],
      fieldSources: sources as Prisma.InputJsonValue,
    },
  });
}

/**
 * POST /api/artists/:id/resolve: a person picked the MusicBrainz artist. The MBID is saved and
 * locked (so every later run looks it up instead of searching) and an enrichment is enqueued in
 * the same transaction. If the artist's enrichment is already live, that job is answered (its id
 * only if the actor may see it): it reads the locked MBID when it starts.
 */
export async function resolveArtist(
  services: JobServices,
  actor: Actor,
  id: string,
  mbid: string,
): Promise<{ jobId: string | null; deduplicated: boolean }> {
  return withJobTransaction(services, async (tx, joined) => {
    const [artist] = await queryRows<{ name: string; candidates: CandidateView[] }>(
      tx,
      `SELECT name, candidates FROM artist WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!artist) throw notFound("The artist");
    const known = artist.candidates.some((c) => c.mbid === mbid);
    if (artist.candidates.length > 0 && !known) {
      throw new AppError("validation_failed", "mbid: not one of this artist's candidates.", {
        field: "mbid",
      });
    }
    const source = JSON.stringify({
      source: BY_PERSON,
      at: new Date().toISOString(),
      by: actor.name,
    });
    await tx.executeSql(
      `UPDATE artist SET mbid = $2::uuid,
         "lockedFields" = array_append(array_remove("lockedFields", 'mbid'), 'mbid'),
         "fieldSources" = jsonb_set("fieldSources", '{mbid}', $3::jsonb), "updatedAt" = now()
       WHERE id = $1`,
      [id, mbid, source],
    );
    const prepared = prepareJob(
      metadataEnrichment,
      { artistId: id, forceRefresh: true, artistName: artist.name },
      { dedupeKey: enrichmentKeyOf(id), label: artist.name, priority: "high" },
    );
    const [outcome] = await enqueuePrepared(joined, actor, [prepared]);
    if (!outcome) throw new Error("enqueue answered nothing");
    if (outcome.kind === "created") return { jobId: outcome.job.id, deduplicated: false };

    // Null when the live job is another member's: the caller learns the artist is being
    // enriched, not which job of whose.
    return { jobId: outcome.jobId, deduplicated: true };
  });
}

/** DELETE /api/artists/:id (administrators): the artist goes; its videos stay, unlinked. */
export async function deleteArtist(db: Db, id: string): Promise<void> {
  const { count } = await db.artist.deleteMany({ where: { id } });
  if (count === 0) throw notFound("The artist");
}

const ENQUEUE_BATCH = 500;

/**
 * POST /api/artists/enrich-missing: one enrichment job per artist in the given statuses (by
 * default never enriched, failed or partial), a batch per transaction. Artists with a live
 * enrichment job are counted as already queued.
 */
export async function enrichMissing(
  services: JobServices,
  actor: Actor,
  body: z.output<typeof enrichMissingBody>,
): Promise<{ enqueued: number; alreadyQueued: number }> {
  let after = "00000000-0000-0000-0000-000000000000";
  const totals = { enqueued: 0, alreadyQueued: 0 };
  for (;;) {
    const artists = await queryRows<{ id: string; name: string }>(
      services.boss.getDb(),
      `SELECT id, name FROM artist WHERE "enrichmentStatus" = ANY($1::text[]) AND id > $2::uuid
        ORDER BY id LIMIT $3`,
      [body.statuses, after, ENQUEUE_BATCH],
    );
    if (artists.length === 0) return totals;
    after = artists.at(-1)!.id;
    const prepared = artists.map((a) =>
      prepareJob(
        metadataEnrichment,
        { artistId: a.id, forceRefresh: false, artistName: a.name },
        { dedupeKey: enrichmentKeyOf(a.id), label: a.name },
      ),
    );
    const outcomes = await enqueuePrepared(services, actor, prepared);
    for (const o of outcomes) totals[o.kind === "created" ? "enqueued" : "alreadyQueued"] += 1;
  }
}
