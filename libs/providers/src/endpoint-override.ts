import { CodedError, ErrorCodes } from '@switchboard/contracts';

export type EnvSource = Readonly<Record<string, string | undefined>>;
export type EndpointMapper = (realUrl: string) => string;

/**
 * Where a platform's endpoints point:
 * - `<TYPE>_BASE_URL` set → `<base>` + the real path and query;
 * - else `SANDBOX_URL` set → `<sandbox>/<type-lower>` + the real path and query
 *   (X: `http://127.0.0.1:4100/twitter/2/oauth2/token`);
 * - else the real URL.
 */
export function endpointMapper(type: string, env: EnvSource): EndpointMapper {
  const own = baseUrlFrom(env, `${type}_BASE_URL`);
  const sandbox = baseUrlFrom(env, 'SANDBOX_URL');
  const base = own ?? (sandbox ? `${sandbox}/${type.toLowerCase()}` : null);
  if (base === null) return (realUrl) => realUrl;
  return (realUrl) => {
    const real = new URL(realUrl);
    return `${base}${real.pathname}${real.search}`;
  };
}

export function sandboxEnabled(env: EnvSource): boolean {
  return baseUrlFrom(env, 'SANDBOX_URL') !== null;
}

/** An http(s) base URL from the environment, without trailing slash; null when unset. */
function baseUrlFrom(env: EnvSource, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new CodedError(ErrorCodes.validation, `${name} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CodedError(ErrorCodes.validation, `${name} must be an http(s) URL`);
  }
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new CodedError(
      ErrorCodes.validation,
      `${name} must have no query, fragment or credentials`,
    );
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}
