/** Where a command writes: stdout for results, stderr for errors. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export type Row = Record<string, unknown>;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return `${value}`;
  return JSON.stringify(value) ?? '-';
}

/** Left-aligned columns with a header line; `-` for empty values. */
export function table(rows: Row[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns), ...cells.map(line)].join('\n');
}

/** `key: value` lines for one object. */
export function fields(row: Row, keys: string[] = Object.keys(row)): string {
  const width = Math.max(...keys.map((k) => k.length));
  return keys.map((k) => `${`${k}:`.padEnd(width + 1)} ${cell(row[k])}`).join('\n');
}

/** Prints `data` as JSON with --json, else as the human rendering. */
export function emit(io: Io, json: boolean, data: unknown, human: () => string): void {
  io.out(json ? JSON.stringify(data, null, 2) : human());
}
