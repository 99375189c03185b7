import { createHttpClient } from '../../http';
import { fakeFetch, fixedClock } from '../../spec-support/fake-fetch';
import { generateDpopKey } from './dpop';
import { dpopRequest, type DpopSession } from './dpop-request';

const nonceOf = (proof: string) =>
  (JSON.parse(Buffer.from(proof.split('.')[1], 'base64url').toString()) as { nonce?: string })
    .nonce;

describe('dpopRequest', () => {
  const clock = fixedClock('2030-01-01T00:00:00Z');
  const request = {
    provider: 'BLUESKY',
    operation: 'exchange' as const,
    method: 'POST' as const,
    url: 'https://as.example/oauth/par',
    body: { form: { a: 'b' } },
  };

  it('answers use_dpop_nonce once with the server nonce, and keeps the newest nonce', async () => {
    const fetch = fakeFetch(
      { status: 400, body: { error: 'use_dpop_nonce' }, headers: { 'DPoP-Nonce': 'n1' } },
      { status: 201, body: { request_uri: 'urn:x' }, headers: { 'DPoP-Nonce': 'n2' } },
    );
    const session: DpopSession = { key: generateDpopKey(), nonce: null };
    const res = await dpopRequest(createHttpClient({ fetch }), clock, session, request);
    expect(res.status).toBe(201);
    expect(fetch.seen.map((r) => nonceOf(r.headers.dpop))).toEqual([undefined, 'n1']);
    expect(session.nonce).toBe('n2');
  });

  it('does not loop: a second nonce error, or one without a new nonce, is returned as it is', async () => {
    const fetch = fakeFetch({ status: 400, body: { error: 'use_dpop_nonce' } });
    const session: DpopSession = { key: generateDpopKey(), nonce: 'old' };
    const res = await dpopRequest(createHttpClient({ fetch }), clock, session, request);
    expect(res.status).toBe(400);
    expect(fetch.seen).toHaveLength(1);
  });

  it('a resource server asks through WWW-Authenticate; the token goes as Authorization: DPoP', async () => {
    const fetch = fakeFetch(
      {
        status: 401,
        headers: { 'WWW-Authenticate': 'DPoP error="use_dpop_nonce"', 'DPoP-Nonce': 'r1' },
      },
      { status: 200, body: {} },
    );
    const session: DpopSession = { key: generateDpopKey(), nonce: null };
    await dpopRequest(createHttpClient({ fetch }), clock, session, {
      ...request,
      method: 'GET',
      body: undefined,
      accessToken: 'at-1',
    });
    expect(fetch.seen).toHaveLength(2);
    expect(fetch.seen[1].headers.authorization).toBe('DPoP at-1');
    expect(nonceOf(fetch.seen[1].headers.dpop)).toBe('r1');
  });
});
