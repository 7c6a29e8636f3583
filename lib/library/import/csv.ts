/** One CSV record: its fields and the file line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The CSV is malformed in a way no row-by-row report can describe (an unclosed quote). */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/**
 * Splits CSV text into records (RFC 4180: comma separated, fields in double quotes may hold
 * commas, newlines and doubled quotes; CRLF or LF line ends). Blank lines come back as records
 * with one empty field, so the caller can report them instead of losing them.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };

  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else field += ch;
  }
  if (quoted)
    throw new CsvSyntaxError(
      `A quoted field that starts on line ${recordLine} never ends.`,
      recordLine,
    );
  if (field !== "" || fields.length > 0) endRecord();

  return records;
}
