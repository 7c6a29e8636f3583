import type { RegisteredHandler } from "../lib/jobs/job-handler";
import { bulkArtistImportHandler } from "./bulk-artist-import/handler";
import { metadataEnrichmentHandler } from "./metadata-enrichment/handler";
import { selfTestHandler } from "./self-test/handler";

/**
 * The handlers this runner has. A type listed in definitions.ts without a handler here still
 * gets a queue; its jobs fail at once with a "not available" error instead of waiting forever.
 * metadata_enrichment is wired in jobs/metadata-enrichment/handler.ts.
 */
export const JOB_HANDLERS: readonly RegisteredHandler[] = [
  selfTestHandler,
  metadataEnrichmentHandler,
  bulkArtistImportHandler,
];
