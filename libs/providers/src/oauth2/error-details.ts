import { isJsonObject, stringField, type JsonValue } from '../json';

export interface ErrorDetails {
  code: string | null;
  description: string | null;
  /** Scopes a `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` asks for. */
  scopes: string[];
}

/**
 * The error code and description from the body shapes providers use: OAuth 2.0
 * (`{error, error_description}`), RFC 7807 problems (`{type, title, detail}`, X), Graph-style
 * (`{error: {code, error_subcode, message}}`, Meta) — and from a Bearer `WWW-Authenticate` header.
 */
export function errorDetails(body: JsonValue | null, wwwAuthenticate: string | null): ErrorDetails {
  const header = parseBearerChallenge(wwwAuthenticate);
  const fromBody = bodyDetails(body);
  return {
    code: fromBody.code ?? header.error,
    description: fromBody.description ?? header.description,
    scopes: header.scope ? header.scope.split(/\s+/).filter(Boolean) : [],
  };
}

function bodyDetails(body: JsonValue | null): { code: string | null; description: string | null } {
  if (!isJsonObject(body)) return { code: null, description: null };
  const error = body['error'];
  if (typeof error === 'string') {
    return {
      code: error,
      description: stringField(body, 'error_description') ?? stringField(body, 'message'),
    };
  }
  if (isJsonObject(error)) {
    const code = error['code'];
    const subcode = error['error_subcode'];
    const main = typeof code === 'number' || typeof code === 'string' ? String(code) : null;
    const sub = typeof subcode === 'number' || typeof subcode === 'string' ? String(subcode) : null;
    return {
      code: main && sub ? `${main}/${sub}` : main,
      description: stringField(error, 'message'),
    };
  }
  const problemType = stringField(body, 'type');
  if (problemType) {
    const segment = problemType.replace(/\/+$/, '').split('/').pop() ?? null;
    return {
      code: segment,
      description: stringField(body, 'detail') ?? stringField(body, 'title'),
    };
  }
  return {
    code: null,
    description: stringField(body, 'error_description') ?? stringField(body, 'message'),
  };
}

interface BearerChallenge {
  error: string | null;
  description: string | null;
  scope: string | null;
}

function parseBearerChallenge(header: string | null): BearerChallenge {
  const result: BearerChallenge = { error: null, description: null, scope: null };
  if (!header || !/^\s*bearer\b/i.test(header)) return result;
  for (const match of header.matchAll(/([a-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi)) {
    const key = (match[1] ?? '').toLowerCase();
    const value = match[2] ?? match[3] ?? '';
    if (key === 'error') result.error = value;
    else if (key === 'error_description') result.description = value;
    else if (key === 'scope') result.scope = value;
  }
  return result;
}
