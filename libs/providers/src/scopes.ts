/** Required scopes absent from the granted ones (for `<type>-not-enough-permissions`). */
export function missingScopes(required: readonly string[], granted: readonly string[]): string[] {
  const have = new Set(granted);
  return required.filter((scope) => !have.has(scope));
}
