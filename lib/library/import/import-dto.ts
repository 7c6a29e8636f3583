// The imports API's shapes; the import dialog and page read these types.
import { z } from "zod";

import { strictObject } from "../../http/strict-object";
import { IMPORT_FORMATS, type ImportFormat, type RowOutcome } from "./parse-import";

export { IMPORT_FORMATS, type ImportFormat, type RowOutcome };

/** What the parent job reports when it finishes; zero until then. */
export interface ImportResultSummary {
  imported: number;
  skipped: number;
  matched: number;
  needsReview: number;
  notFound: number;
  failed: number;
}

export interface ImportSummary {
  id: string;
  format: ImportFormat;
  fileName: string | null;
  /** queued | importing | enriching | completed | failed */
  status: string;
  jobId: string | null;
  totalRows: number;
  acceptedRows: number;
  /** Rows per outcome, as of now. */
  counts: Record<RowOutcome, number>;
  summary: Partial<ImportResultSummary>;
  createdAt: string;
}

/** A row that was not imported as a new artist, and why. */
export interface ImportIssue {
  line: number;
  name: string | null;
  outcome: RowOutcome;
  message: string | null;
  artistId: string | null;
}

export interface ImportDetail extends ImportSummary {
  /** Rows skipped or refused, in file order (the first 1,000). */
  issues: ImportIssue[];
}

/** POST /api/imports as JSON (a file upload sends multipart form data with the same fields). */
export const createImportBody = strictObject({
  format: z.enum(IMPORT_FORMATS),
  text: z.string().min(1, "Paste at least one artist name."),
  fileName: z.string().trim().max(200).optional(),
});
export type CreateImportBody = z.input<typeof createImportBody>;

export const importIdParam = z.object({ id: z.uuid() });
