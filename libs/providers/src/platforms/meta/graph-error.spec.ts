import type { HttpResponse } from '../../http';
import type { JsonValue } from '../../json';
import type { ProviderErrorKind, ProviderOperation } from '../../provider-error';
import { classifyGraphResponse, graphError, graphErrorKind, permissionsIn } from './graph-error';

const now = new Date('2030-01-01T00:00:00Z');

function response(
  status: number,
  body: JsonValue,
  headers: Record<string, string> = {},
): HttpResponse {
  return { status, headers: new Headers(headers), body: { kind: 'json', value: body } };
}

function envelope(
  code: number,
  message: string,
  subcode?: number,
  extra: Record<string, JsonValue> = {},
): JsonValue {
  return {
    error: {
      message,
      type: 'OAuthException',
      code,
      ...(subcode === undefined ? {} : { error_subcode: subcode }),
      fbtrace_id: 'AbC',
      ...extra,
    },
  };
}

function classify(
  res: HttpResponse,
  operation: ProviderOperation = 'refresh',
  secrets: string[] = [],
) {
  return classifyGraphResponse(res, { provider: 'THREADS', operation, now, secrets });
}

describe('Graph error envelopes', () => {
  it('reads the nested Graph envelope', () => {
    expect(graphError(envelope(190, 'Error validating access token', 463))).toEqual({
      code: 190,
      subcode: 463,
      type: 'OAuthException',
      message: 'Error validating access token',
      isTransient: false,
    });
  });

  it('reads the flat envelope of the Instagram and Threads code exchanges', () => {
    expect(
      graphError({
        error_type: 'OAuthException',
        code: 400,
        error_message: 'Matching code was not found or was already used',
      }),
    ).toMatchObject({
      code: 400,
      type: 'OAuthException',
      message: 'Matching code was not found or was already used',
    });
  });

  it('is null for other bodies', () => {
    expect(graphError({ error: 'invalid_grant' })).toBeNull();
    expect(graphError(null)).toBeNull();
    expect(graphError([])).toBeNull();
  });
});

describe('Graph error kinds', () => {
  const rows: [string, number, number | undefined, ProviderErrorKind | null][] = [
    ['190 App Not Installed', 190, 458, 'reauth_required'],
    ['190 Password Changed', 190, 460, 'reauth_required'],
    ['190 Expired', 190, 463, 'reauth_required'],
    ['190 Invalid Access Token', 190, 467, 'reauth_required'],
    ['190 Invalid Session (Page role gone)', 190, 492, 'reauth_required'],
    ['190 without a subcode', 190, undefined, 'reauth_required'],
    ['102 API session', 102, undefined, 'reauth_required'],
    ['190 User Checkpointed: the person must act on facebook.com', 190, 459, 'permission_lost'],
    ['190 Unconfirmed User: the person must act on facebook.com', 190, 464, 'permission_lost'],
    ['10 permission denied', 10, undefined, 'permission_lost'],
    ['200 permission', 200, undefined, 'permission_lost'],
    ['299 permission', 299, undefined, 'permission_lost'],
    ['100/33 object hidden by a lost permission', 100, 33, 'permission_lost'],
    ['4 app rate limit', 4, undefined, 'transient'],
    ['17 user rate limit', 17, undefined, 'transient'],
    ['32 Page rate limit', 32, undefined, 'transient'],
    ['613 custom rate limit', 613, 1996, 'transient'],
    ['80002 Instagram BUC limit', 80002, undefined, 'transient'],
    ['1 unknown error', 1, undefined, 'transient'],
    ['2 service unavailable', 2, undefined, 'transient'],
    ['101 invalid application id (our app)', 101, undefined, 'transient'],
    ['100/36007 code expired', 100, 36007, 'reauth_required'],
    ['100/36009 code used', 100, 36009, 'reauth_required'],
    ['100 invalid parameter: generic rules', 100, undefined, null],
  ];
  it.each(rows)('%s', (_name, code, subcode, kind) => {
    expect(
      graphErrorKind({
        code,
        subcode: subcode ?? null,
        type: 'OAuthException',
        message: null,
        isTransient: false,
      }),
    ).toBe(kind);
  });

  it('honours is_transient', () => {
    expect(
      graphErrorKind({ code: 9999, subcode: null, type: null, message: null, isTransient: true }),
    ).toBe('transient');
  });
});

describe('classifyGraphResponse', () => {
  it('190/463 → reauth_required with the provider code', () => {
    const error = classify(
      response(400, envelope(190, 'Error validating access token: Session has expired', 463)),
    );
    expect(error).toMatchObject({ kind: 'reauth_required', status: 400, providerCode: '190/463' });
    expect(error.message).toContain('THREADS refresh failed: HTTP 400 190/463');
  });

  it('459 says what the person must do, and that no reconnect is needed', () => {
    const error = classify(
      response(400, envelope(190, 'Error validating access token: checkpoint', 459)),
    );
    expect(error.kind).toBe('permission_lost');
    expect(error.message).toMatch(/log in at facebook\.com.*no reconnect is needed/);
  });

  it('permission errors name the missing permissions', () => {
    const error = classify(
      response(
        403,
        envelope(200, '(#200) Requires pages_manage_posts permission to manage the object'),
      ),
      'identify',
    );
    expect(error).toMatchObject({ kind: 'permission_lost', missingScopes: ['pages_manage_posts'] });
    const ten = classify(
      response(403, envelope(10, "(#10) This endpoint requires the 'threads_basic' permission.")),
      'identify',
    );
    expect(ten.missingScopes).toEqual(['threads_basic']);
  });

  it('throttling waits for X-Business-Use-Case-Usage estimated_time_to_regain_access (minutes)', () => {
    const error = classify(
      response(
        400,
        envelope(4, '(#4) Application request limit reached', undefined, { is_transient: true }),
        {
          'x-business-use-case-usage': JSON.stringify({
            '123': [
              {
                type: 'pages',
                call_count: 100,
                total_cputime: 20,
                total_time: 30,
                estimated_time_to_regain_access: 7,
              },
            ],
            '456': [
              {
                type: 'pages',
                call_count: 10,
                total_cputime: 5,
                total_time: 5,
                estimated_time_to_regain_access: 0,
              },
            ],
          }),
        },
      ),
    );
    expect(error).toMatchObject({ kind: 'transient', providerCode: '4', retryAfterSeconds: 420 });
  });

  it('throttling with only X-App-Usage estimates from the rolling hour', () => {
    const error = classify(
      response(400, envelope(17, '(#17) User request limit reached'), {
        'x-app-usage': JSON.stringify({ call_count: 150, total_cputime: 20, total_time: 30 }),
      }),
    );
    expect(error).toMatchObject({ kind: 'transient', retryAfterSeconds: 1200 });
  });

  it('throttling below 100% usage or without headers has no estimate', () => {
    expect(
      classify(response(400, envelope(32, '(#32) Page request limit reached'))).retryAfterSeconds,
    ).toBeNull();
    expect(
      classify(
        response(400, envelope(613, 'Calls to this api have exceeded the rate limit.'), {
          'x-app-usage': '{"call_count": 80}',
        }),
      ).retryAfterSeconds,
    ).toBeNull();
  });

  it('a Retry-After header wins', () => {
    expect(
      classify(
        response(400, envelope(4, 'limit'), {
          'retry-after': '30',
          'x-app-usage': '{"call_count":200}',
        }),
      ).retryAfterSeconds,
    ).toBe(30);
  });

  it('garbled usage headers are ignored', () => {
    expect(
      classify(
        response(400, envelope(4, 'limit'), {
          'x-business-use-case-usage': '{nope',
          'x-app-usage': '[1]',
        }),
      ).retryAfterSeconds,
    ).toBeNull();
  });

  it("our app's credentials rejected → transient, and says so", () => {
    const error = classify(
      response(400, envelope(1, 'Error validating client secret.')),
      'exchange',
    );
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('app credentials');
  });

  it('an unknown 4xx Graph error → invalid_request, a 5xx → transient', () => {
    expect(classify(response(400, envelope(100, '(#100) Invalid parameter'))).kind).toBe(
      'invalid_request',
    );
    expect(classify(response(500, envelope(9000, 'Oops'))).kind).toBe('transient');
  });

  it('the flat envelope classifies by the same rules', () => {
    const error = classify(
      response(400, {
        error_type: 'OAuthException',
        code: 400,
        error_message: 'Matching code was not found or was already used',
      }),
      'exchange',
    );
    expect(error).toMatchObject({ kind: 'invalid_request', providerCode: '400' });
  });

  it('answers without a Meta envelope take the generic OAuth rules', () => {
    expect(classify(response(400, { error: 'invalid_grant' })).kind).toBe('reauth_required');
    expect(classify(response(429, null)).kind).toBe('transient');
  });

  it('never repeats a secret the provider echoed', () => {
    const secret = 'IGQVJ-secret-token-value';
    const error = classify(
      response(400, envelope(190, `Invalid OAuth access token ${secret}`)),
      'refresh',
      [secret],
    );
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });
});

describe('permissionsIn', () => {
  it('finds permission names in Meta messages', () => {
    expect(
      permissionsIn('(#200) Requires pages_read_engagement and pages_show_list permissions'),
    ).toEqual(['pages_read_engagement', 'pages_show_list']);
    expect(permissionsIn("requires the 'instagram_business_basic' permission")).toEqual([
      'instagram_business_basic',
    ]);
    expect(permissionsIn('(#10) Application does not have permission for this action')).toEqual([]);
    expect(permissionsIn(null)).toEqual([]);
  });
});
