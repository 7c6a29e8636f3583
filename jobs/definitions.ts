import type { JobDefinition } from "../lib/queue/job-definition";
import { bulkArtistImport } from "./bulk-artist-import/definition";
import { metadataEnrichment } from "./metadata-enrichment/definition";
import { playlistSync } from "./playlist-sync/definition";
import { selfTest } from "./self-test/definition";
import { thumbnailGeneration } from "./thumbnail-generation/definition";
import { videoDownload } from "./video-download/definition";

/**
 * Every job type Roadie knows. The runner creates (or verifies) one pg-boss queue per entry
 * with exactly these options; the web process reads them to validate payloads.
 */
export const JOB_DEFINITIONS = [
  metadataEnrichment,
  videoDownload,
  bulkArtistImport,
  thumbnailGeneration,
  playlistSync,
  selfTest,
] as const;

export type JobType = (typeof JOB_DEFINITIONS)[number]["type"];

export const JOB_TYPES = JOB_DEFINITIONS.map((d) => d.type) as [JobType, ...JobType[]];

/** The definition of a job type, or undefined for a name Roadie does not know. */
export function definitionOf(type: string): JobDefinition | undefined {
  return JOB_DEFINITIONS.find((d) => d.type === type) as JobDefinition | undefined;
}
