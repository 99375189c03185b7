import { ProviderError } from '../../provider-error';
import { slackEventPayload, slackPushRevocation, slackSignature } from './slack-events';
import { slackSigningSecret } from './slack';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW = new Date('2030-01-01T00:00:00Z');
const clock = { now: () => NOW };
const ts = String(NOW.getTime() / 1000);

function signed(body: object, timestamp = ts, secret = SECRET): string {
  const raw = JSON.stringify(body);
  return slackEventPayload({
    body: raw,
    timestamp,
    signature: slackSignature(secret, timestamp, raw),
  });
}

const tokensRevoked = {
  token: 'XXYYZZ',
  team_id: 'T9TK3CUKW',
  api_app_id: 'A0KRD7HC3',
  event: { type: 'tokens_revoked', tokens: { oauth: ['U1'], bot: ['U2'] } },
  type: 'event_callback',
  event_id: 'Ev1',
  event_time: 1893456000,
};

function refusal(run: () => unknown): ProviderError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Slack event verification', () => {
  const verify = (payload: string) => slackPushRevocation(SECRET, clock).verify(payload);

  it('computes the v0 signature Slack documents', () => {
    // docs.slack.dev "Verifying requests from Slack": v0=HMAC-SHA256("v0:<ts>:<body>")
    expect(slackSignature('secret', '1531420618', 'a=b')).toMatch(/^v0=[0-9a-f]{64}$/);
  });

  it('a signed tokens_revoked names the workspace', () => {
    expect(verify(signed(tokensRevoked))).toEqual({ platformUserId: 'T9TK3CUKW' });
  });

  it('a signed app_uninstalled names the workspace; an org-wide install names the organization', () => {
    expect(verify(signed({ ...tokensRevoked, event: { type: 'app_uninstalled' } }))).toEqual({
      platformUserId: 'T9TK3CUKW',
    });
    expect(
      verify(signed({ ...tokensRevoked, enterprise_id: 'E123', is_enterprise_install: true })),
    ).toEqual({ platformUserId: 'E123' });
  });

  it('refuses another secret, a changed body, a stale timestamp', () => {
    expect(refusal(() => verify(signed(tokensRevoked, ts, 'another-secret'))).message).toMatch(
      /X-Slack-Signature does not match/,
    );
    const good = JSON.parse(signed(tokensRevoked)) as { body: string };
    const tampered = JSON.stringify({
      ...JSON.parse(signed(tokensRevoked)),
      body: good.body.replace('T9TK3CUKW', 'T0OTHER00'),
    });
    expect(refusal(() => verify(tampered)).kind).toBe('invalid_request');
    expect(refusal(() => verify(signed(tokensRevoked, String(Number(ts) - 301)))).message).toMatch(
      /five minutes/,
    );
    expect(refusal(() => verify(signed(tokensRevoked, String(Number(ts) + 301)))).kind).toBe(
      'invalid_request',
    );
  });

  it('refuses what is not a revocation event, or not an envelope at all', () => {
    expect(() => verify(signed({ type: 'url_verification', challenge: 'x' }))).toThrow(
      ProviderError,
    );
    expect(() => verify(signed({ ...tokensRevoked, event: { type: 'message' } }))).toThrow(
      ProviderError,
    );
    expect(() => verify('not json')).toThrow(ProviderError);
    expect(() =>
      verify(JSON.stringify({ body: '{}', timestamp: ts, signature: 'v1=abc' })),
    ).toThrow(ProviderError);
  });

  it('never quotes the payload or the secret in its refusal', () => {
    const error = refusal(() => verify(signed(tokensRevoked, ts, 'another-secret')));
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('T9TK3CUKW');
  });

  it('without a signing secret refuses everything', () => {
    expect(
      refusal(() => slackPushRevocation(null, clock).verify(signed(tokensRevoked))).message,
    ).toMatch(/SLACK_SIGNING_SECRET/);
  });
});

describe('Slack signing secret', () => {
  const credentials = { clientId: 'sandbox-slack-client', clientSecret: 's' };

  it('SLACK_SIGNING_SECRET, else the sandbox app’s, else none', () => {
    expect(slackSigningSecret({ SLACK_SIGNING_SECRET: 'abc' }, credentials)).toBe('abc');
    expect(slackSigningSecret({ SANDBOX_URL: 'http://127.0.0.1:4100' }, credentials)).toBe(
      'sandbox-slack-client-signing-secret',
    );
    expect(slackSigningSecret({}, credentials)).toBeNull();
  });
});
