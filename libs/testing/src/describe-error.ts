/**
 * A one-line description of anything thrown. Handles AggregateError (what `net` throws when
 * every address of "localhost" refuses) and errors whose message is empty but whose code is not.
 * Structural checks rather than `instanceof`, which fails for errors from another realm (Node's
 * own errors seen from inside Jest's sandbox).
 */
export function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return String(error);
  const inner = 'errors' in error && Array.isArray(error.errors) ? (error.errors as unknown[]) : [];
  if (inner.length > 0) return [...new Set(inner.map((e) => describeError(e)))].join('; ');
  if ('message' in error && typeof error.message === 'string' && error.message) {
    return error.message;
  }
  if ('code' in error && typeof error.code === 'string' && error.code) return error.code;
  if ('name' in error && typeof error.name === 'string') return error.name;
  return Object.prototype.toString.call(error);
}

/** The `code` property of an error (errno or SQLSTATE), if it has a string one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The `cause` of an error, if any. */
export function errorCause(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
}
