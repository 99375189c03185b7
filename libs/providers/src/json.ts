/** A value that survives `JSON.stringify` / `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when `value` is an object and the field is a non-empty string, else null. */
export function stringField(value: JsonValue | undefined, key: string): string | null {
  if (!isJsonObject(value)) return null;
  const field = value[key];
  return typeof field === 'string' && field.length > 0 ? field : null;
}

/** `value[key]` when `value` is an object and the field is an object, else null. */
export function objectField(value: JsonValue | undefined, key: string): JsonObject | null {
  if (!isJsonObject(value)) return null;
  const field = value[key];
  return isJsonObject(field) ? field : null;
}

/**
 * A finite number from a number or a numeric string (`"3600"`): providers disagree on which.
 * Anything else is null.
 */
export function numberField(value: JsonValue | undefined, key: string): number | null {
  if (!isJsonObject(value)) return null;
  const field = value[key];
  if (typeof field === 'number') return Number.isFinite(field) ? field : null;
  if (typeof field === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(field)) return Number(field);
  return null;
}
