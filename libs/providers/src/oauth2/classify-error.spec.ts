import type { HttpResponse, ResponseBody } from '../http';
import type { JsonValue } from '../json';
import type { ProviderErrorKind, ProviderOperation } from '../provider-error';
import { classifyErrorResponse } from './classify-error';

const now = new Date('2030-01-01T00:00:00Z');

function response(
  status: number,
  body: JsonValue,
  headers: Record<string, string> = {},
  bodyKind: 'json' | 'unparsable' | 'empty' = 'json',
): HttpResponse {
  const parsed: ResponseBody =
    bodyKind === 'json' ? { kind: 'json', value: body } : { kind: bodyKind };
  return { status, headers: new Headers(headers), body: parsed };
}

interface Row {
  name: string;
  status: number;
  body: JsonValue;
  bodyKind?: 'unparsable' | 'empty';
  headers?: Record<string, string>;
  operation?: ProviderOperation;
  kind: ProviderErrorKind;
  providerCode?: string | null;
  retryAfterSeconds?: number | null;
  missingScopes?: string[];
}

const rows: Row[] = [
  {
    name: '400 invalid_grant',
    status: 400,
    body: { error: 'invalid_grant' },
    kind: 'reauth_required',
    providerCode: 'invalid_grant',
  },
  {
    name: '401 invalid_grant',
    status: 401,
    body: { error: 'invalid_grant' },
    kind: 'reauth_required',
  },
  {
    name: '200 carrying invalid_grant',
    status: 200,
    body: { error: 'invalid_grant' },
    kind: 'reauth_required',
  },
  {
    name: '400 invalid_scope',
    status: 400,
    body: { error: 'invalid_scope' },
    kind: 'permission_lost',
    providerCode: 'invalid_scope',
  },
  {
    name: '403 WWW-Authenticate insufficient_scope',
    status: 403,
    body: null,
    bodyKind: 'empty',
    headers: {
      'www-authenticate': 'Bearer error="insufficient_scope", scope="users.read tweet.read"',
    },
    operation: 'identify',
    kind: 'permission_lost',
    providerCode: 'insufficient_scope',
    missingScopes: ['users.read', 'tweet.read'],
  },
  {
    name: '401 WWW-Authenticate invalid_token',
    status: 401,
    body: null,
    bodyKind: 'empty',
    headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' },
    operation: 'identify',
    kind: 'reauth_required',
  },
  {
    name: '401 from user-info without a code',
    status: 401,
    body: null,
    bodyKind: 'empty',
    operation: 'identify',
    kind: 'reauth_required',
  },
  {
    name: '401 invalid_client',
    status: 401,
    body: { error: 'invalid_client' },
    kind: 'transient',
    providerCode: 'invalid_client',
  },
  {
    name: '400 unauthorized_client',
    status: 400,
    body: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' },
    kind: 'transient',
  },
  {
    name: '429 with Retry-After seconds',
    status: 429,
    body: null,
    bodyKind: 'empty',
    headers: { 'retry-after': '30' },
    kind: 'transient',
    retryAfterSeconds: 30,
  },
  {
    name: '429 with an HTTP-date',
    status: 429,
    body: null,
    bodyKind: 'empty',
    headers: { 'retry-after': 'Tue, 01 Jan 2030 00:02:00 GMT' },
    kind: 'transient',
    retryAfterSeconds: 120,
  },
  {
    name: "X's 429 usage-capped with x-rate-limit-reset",
    status: 429,
    body: {
      title: 'UsageCapExceeded',
      detail: 'Usage cap exceeded',
      type: 'https://api.x.com/2/problems/usage-capped',
    },
    headers: { 'x-rate-limit-reset': String(now.getTime() / 1000 + 600) },
    kind: 'transient',
    providerCode: 'usage-capped',
    retryAfterSeconds: 600,
  },
  {
    name: '500',
    status: 500,
    body: null,
    bodyKind: 'empty',
    kind: 'transient',
    retryAfterSeconds: null,
  },
  {
    name: '503 with Retry-After',
    status: 503,
    body: null,
    bodyKind: 'unparsable',
    headers: { 'retry-after': '10' },
    kind: 'transient',
    retryAfterSeconds: 10,
  },
  {
    name: '400 with an HTML body',
    status: 400,
    body: null,
    bodyKind: 'unparsable',
    kind: 'transient',
  },
  { name: '302 redirect', status: 302, body: null, bodyKind: 'empty', kind: 'transient' },
  {
    name: '400 invalid_request',
    status: 400,
    body: { error: 'invalid_request' },
    kind: 'invalid_request',
    providerCode: 'invalid_request',
  },
  {
    name: '404 without a body',
    status: 404,
    body: null,
    bodyKind: 'empty',
    kind: 'invalid_request',
    providerCode: null,
  },
  {
    name: '401 at the token endpoint without a code',
    status: 401,
    body: null,
    bodyKind: 'empty',
    operation: 'refresh',
    kind: 'invalid_request',
  },
  {
    name: 'Graph-style error object',
    status: 400,
    body: {
      error: {
        message: 'Error validating access token',
        type: 'OAuthException',
        code: 190,
        error_subcode: 460,
      },
    },
    kind: 'invalid_request',
    providerCode: '190/460',
  },
];

describe('classifyErrorResponse', () => {
  it.each(rows)('$name → $kind', (row) => {
    const error = classifyErrorResponse(response(row.status, row.body, row.headers, row.bodyKind), {
      provider: 'TWITTER',
      operation: row.operation ?? 'refresh',
      now,
      secrets: [],
    });
    expect(error.kind).toBe(row.kind);
    expect(error.status).toBe(row.status);
    if (row.providerCode !== undefined) expect(error.providerCode).toBe(row.providerCode);
    if (row.retryAfterSeconds !== undefined)
      expect(error.retryAfterSeconds).toBe(row.retryAfterSeconds);
    expect(error.missingScopes).toEqual(row.missingScopes ?? []);
  });

  it('explains a client-credentials rejection as our configuration, not the user', () => {
    const error = classifyErrorResponse(response(401, { error: 'invalid_client' }), {
      provider: 'TWITTER',
      operation: 'refresh',
      now,
      secrets: [],
    });
    expect(error.message).toMatch(/client credentials/);
    expect(error.message).toMatch(/need not reconnect/);
  });

  it('lets a platform override the kind', () => {
    const error = classifyErrorResponse(
      response(400, { error: 'invalid_request', error_description: 'dead' }),
      {
        provider: 'TWITTER',
        operation: 'refresh',
        now,
        secrets: [],
        override: ({ description }) => (description === 'dead' ? 'reauth_required' : null),
      },
    );
    expect(error.kind).toBe('reauth_required');
  });

  it('redacts the secrets it was given from the quoted description', () => {
    const error = classifyErrorResponse(
      response(400, {
        error: 'invalid_grant',
        error_description: 'refresh token rt-abc123 is expired',
      }),
      { provider: 'TWITTER', operation: 'refresh', now, secrets: ['rt-abc123'] },
    );
    expect(error.message).not.toContain('rt-abc123');
    expect(error.message).toContain('[redacted]');
  });
});
