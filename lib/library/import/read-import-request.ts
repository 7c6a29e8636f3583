import { AppError } from "../../http/errors";
import { parseInput, readJson } from "../../http/parse";
import { createImportBody, IMPORT_FORMATS, type ImportFormat } from "./import-dto";
import type { ImportInput } from "./create-import";
import { decodeUpload, IMPORT_LIMITS } from "./parse-import";

// Form fields and JSON framing around the file itself.
const ENVELOPE_BYTES = 64 * 1024;

const tooLarge = () =>
  new AppError(
    "payload_too_large",
    `The import is larger than ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB; split it into smaller files.`,
    { field: "file", maxBytes: IMPORT_LIMITS.maxBytes },
  );

function formatOf(declared: FormDataEntryValue | null, fileName: string): ImportFormat {
  if (typeof declared === "string" && declared !== "") {
    if ((IMPORT_FORMATS as readonly string[]).includes(declared)) return declared as ImportFormat;
    throw new AppError("validation_failed", "format: use text, csv or json.", { field: "format" });
  }
  const extension = fileName.includes(".") ? fileName.toLowerCase().split(".").pop() : "txt";
  if (extension === "csv" || extension === "json") return extension;
  if (extension === "txt") return "text";

  throw new AppError(
    "unsupported_media_type",
    `file: import a .txt, .csv or .json file, not .${extension}.`,
    { field: "file" },
  );
}

/**
 * Reads POST /api/imports: a multipart upload (field "file", optional "format", guessed from
 * the file name otherwise) or JSON { format, text, fileName? }. Refuses anything over the upload
 * limit with 413 before reading it all.
 */
export async function readImportRequest(request: Request): Promise<ImportInput> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > IMPORT_LIMITS.maxBytes + ENVELOPE_BYTES) throw tooLarge();
  const type = (request.headers.get("content-type") ?? "").toLowerCase();

  if (!type.startsWith("multipart/form-data")) {
    const body = parseInput(
      createImportBody,
      await readJson(request, IMPORT_LIMITS.maxBytes + ENVELOPE_BYTES),
    );
    if (Buffer.byteLength(body.text) > IMPORT_LIMITS.maxBytes) throw tooLarge();

    return { format: body.format, text: body.text, fileName: body.fileName ?? null, field: "text" };
  }
  const form = await request.formData().catch(() => {
    throw new AppError("bad_request", "The upload could not be read as form data.");
  });
  const file = form.get("file");
  if (!file || typeof file === "string") {
    throw new AppError("validation_failed", "file: choose a file to import.", { field: "file" });
  }
  if (file.size > IMPORT_LIMITS.maxBytes) throw tooLarge();
  const fileName = file.name.slice(0, 200) || "upload";

  return {
    format: formatOf(form.get("format"), fileName),
    text: decodeUpload(new Uint8Array(await file.arrayBuffer())),
    fileName,
    field: "file",
  };
}
