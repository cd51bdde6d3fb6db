import { Transform } from 'node:stream';
import { ExportFormat } from './export-job.entity';

/** One row of an export: column name → value (strings, numbers, booleans, null). */
export type ExportRow = Record<string, string | number | boolean | null>;

/** RFC 4180 field: quoted when it holds a comma, a quote, CR or LF (quotes doubled); null is empty. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF. */
export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Turns rows (object mode) into the lines of a file: NDJSON (the columns in order, one
 * object per line) or CSV (header line first, even for an empty export).
 */
export function formatRows(format: ExportFormat, columns: readonly string[]): Transform {
  let first = true;
  return new Transform({
    writableObjectMode: true,
    // Batches of rows are joined into one chunk: far fewer writes into gzip than one per row.
    transform(rows: ExportRow[], _encoding, done) {
      let text = '';
      if (first && format === ExportFormat.CSV) text += csvLine(columns);
      first = false;
      for (const row of rows) {
        if (format === ExportFormat.CSV) text += csvLine(columns.map((c) => row[c] ?? null));
        else text += `${JSON.stringify(row, columns as string[])}\n`;
      }
      done(null, text);
    },
    flush(done) {
      done(null, first && format === ExportFormat.CSV ? csvLine(columns) : '');
    },
  });
}

/** File extension of a format (both gzip). */
export function extensionOf(format: ExportFormat): string {
  return format === ExportFormat.CSV ? 'csv.gz' : 'ndjson.gz';
}
