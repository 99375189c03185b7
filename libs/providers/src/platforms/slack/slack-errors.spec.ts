import { slackClassifyError, slackErrorCode, slackErrorKind } from './slack-errors';

describe('Slack errors', () => {
  it('reads {ok: false, error}', () => {
    expect(slackErrorCode({ ok: false, error: 'invalid_auth' })).toBe('invalid_auth');
    expect(slackErrorCode({ ok: false })).toBe('unknown_error');
    expect(slackErrorCode({ ok: true })).toBeNull();
    expect(slackErrorCode(null)).toBeNull();
  });

  it.each([
    ['invalid_refresh_token', 'reauth_required'],
    ['refresh_token_expired', 'reauth_required'],
    ['token_revoked', 'reauth_required'],
    ['invalid_auth', 'reauth_required'],
    ['account_inactive', 'reauth_required'],
    ['invalid_code', 'reauth_required'],
    ['missing_scope', 'permission_lost'],
    ['ratelimited', 'transient'],
    ['internal_error', 'transient'],
    ['bad_client_secret', 'transient'],
    ['invalid_client_id', 'transient'],
    ['invalid_arguments', 'invalid_request'],
  ])('%s → %s', (code, kind) => {
    expect(slackErrorKind(code, 200)).toBe(kind);
  });

  it('HTTP 429 and 5xx are transient whatever the code', () => {
    expect(slackErrorKind('invalid_auth', 429)).toBe('transient');
    expect(slackErrorKind('whatever', 503)).toBe('transient');
  });

  it('classifies the token endpoint from the body', () => {
    expect(
      slackClassifyError({
        operation: 'refresh',
        status: 200,
        providerCode: 'invalid_refresh_token',
        description: null,
        body: { ok: false, error: 'invalid_refresh_token' },
      }),
    ).toBe('reauth_required');
  });
});
