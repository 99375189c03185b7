import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { parseSignedRequest, SignedRequestError } from '@switchboard/providers';

import type { ControlError, GrantItem } from './support/control-types';
import { AdapterHarness } from './support/adapter-harness';

interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly form: URLSearchParams;
}

/** A stand-in for Switchboard's deauthorize / data-deletion routes. */
async function startCallbackServer(answer: (path: string) => { status: number; body: unknown }) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({
        path,
        contentType: req.headers['content-type'],
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      });
      const { status, body } = answer(path);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface CallbackAnswer {
  readonly kind: string;
  readonly userId: string;
  readonly revoked: number;
  readonly callback: { status: number | null; body: unknown; error: string | null };
}

describe("Meta's signed deauthorize and data-deletion callbacks", () => {
  let sandbox: AdapterHarness;
  let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;

  beforeAll(async () => {
    sandbox = await AdapterHarness.start();
    callbacks = await startCallbackServer((path) =>
      path.includes('deletion')
        ? {
            status: 200,
            body: { url: 'https://switchboard.example/deletion?id=abc', confirmation_code: 'abc' },
          }
        : { status: 200, body: { ok: true } },
    );
  });
  afterAll(async () => {
    await callbacks.close();
    await sandbox.close();
  });
  beforeEach(async () => {
    await sandbox.reset();
    callbacks.received.length = 0;
  });

  async function post(path: string, body: unknown): Promise<Response> {
    return fetch(`${sandbox.url}/_sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('deauthorize: the person removes the app — grants die, a signed request names them', async () => {
    const facebook = sandbox.adapter('FACEBOOK');
    const grant = await sandbox.connect(facebook, 'alice');
    const person = await facebook.identify(grant);

    const res = await post('/meta/deauthorize', {
      type: 'FACEBOOK',
      user: 'alice',
      callbackUrl: `${callbacks.url}/api/v1/meta/deauthorize/FACEBOOK`,
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as CallbackAnswer;
    expect(answer).toMatchObject({
      kind: 'deauthorize',
      userId: person.externalId,
      revoked: 1,
      callback: { status: 200, body: { ok: true }, error: null },
    });

    const [call] = callbacks.received;
    expect(call?.path).toBe('/api/v1/meta/deauthorize/FACEBOOK');
    expect(call?.contentType).toBe('application/x-www-form-urlencoded');
    const verified = parseSignedRequest(
      call?.form.get('signed_request'),
      'sandbox-facebook-secret',
    );
    expect(verified).toMatchObject({ algorithm: 'HMAC-SHA256', userId: person.externalId });
    expect(Math.abs(verified.issuedAt!.getTime() - Date.now())).toBeLessThan(10_000);
    // Signed with the app's secret, not anyone else's.
    expect(() =>
      parseSignedRequest(call?.form.get('signed_request'), 'sandbox-threads-secret'),
    ).toThrow(SignedRequestError);

    const { items } = await sandbox.control<{ items: GrantItem[] }>('GET', '/grants?type=FACEBOOK');
    expect(items).toEqual([
      expect.objectContaining({ status: 'revoked', revokedReason: 'user-withdrew' }),
    ]);
    await expect(facebook.identify(grant)).rejects.toMatchObject({ kind: 'reauth_required' });
  });

  it('data deletion: the callback’s {url, confirmation_code} answer comes back', async () => {
    const res = await post('/meta/data-deletion', {
      type: 'THREADS',
      user: 'alice',
      callbackUrl: `${callbacks.url}/data-deletion`,
    });
    expect(((await res.json()) as CallbackAnswer).callback).toEqual({
      status: 200,
      body: { url: 'https://switchboard.example/deletion?id=abc', confirmation_code: 'abc' },
      error: null,
    });
    const signed = callbacks.received[0]?.form.get('signed_request');
    expect(parseSignedRequest(signed, 'sandbox-threads-secret').userId).toMatch(/^\d+$/);
  });

  it("Instagram Login names the Instagram account; a team's own app signs with its own secret", async () => {
    const instagram = sandbox.adapter('INSTAGRAM_LOGIN');
    const account = await instagram.identify(await sandbox.connect(instagram, 'alice'));
    const res = await post('/meta/deauthorize', {
      type: 'INSTAGRAM_LOGIN',
      user: 'alice',
      clientId: 'sandbox-team-app',
      callbackUrl: `${callbacks.url}/deauthorize`,
    });
    expect(((await res.json()) as CallbackAnswer).userId).toBe(account.externalId);
    const signed = callbacks.received[0]?.form.get('signed_request');
    expect(parseSignedRequest(signed, 'sandbox-team-app-secret').userId).toBe(account.externalId);
  });

  it('an unreachable callback is reported, the revocation still happens', async () => {
    const res = await post('/meta/deauthorize', {
      type: 'INSTAGRAM',
      user: 'alice',
      callbackUrl: 'http://127.0.0.1:1/nowhere',
    });
    expect(((await res.json()) as CallbackAnswer).callback).toEqual({
      status: null,
      body: null,
      error: 'unreachable',
    });
  });

  it.each([
    [
      'a platform without Meta callbacks',
      { type: 'TWITTER', user: 'a', callbackUrl: 'http://x.test/' },
    ],
    ['a bad user name', { type: 'FACEBOOK', user: '../x', callbackUrl: 'http://x.test/' }],
    ['a non-http callback', { type: 'FACEBOOK', user: 'a', callbackUrl: 'file:///etc/passwd' }],
    ['an unknown field', { type: 'FACEBOOK', user: 'a', callbackUrl: 'http://x.test/', x: 1 }],
    [
      'an unknown app',
      { type: 'FACEBOOK', user: 'a', callbackUrl: 'http://x.test/', clientId: 'nope' },
    ],
  ])('refuses %s with 400 validation-failed', async (_name, body) => {
    const res = await post('/meta/deauthorize', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ControlError).code).toBe('validation-failed');
  });

  it('/age validates its input', async () => {
    for (const body of [
      { type: 'FACEBOOK', user: 'a', hours: -1 },
      { type: 'TWITTER', user: 'a', hours: 1 },
      { type: 'THREADS', user: 'a' },
    ]) {
      const res = await post('/age', body);
      expect(res.status).toBe(400);
    }
    const ok = await post('/age', { type: 'THREADS', user: 'nobody', hours: 2 });
    expect(await ok.json()).toEqual({ type: 'THREADS', user: 'nobody', aged: 0, hours: 2 });
  });
});
