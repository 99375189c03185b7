import { createHttpClient } from '../../http';
import { isProviderError } from '../../provider-error';
import { fakeFetch } from '../../spec-support/fake-fetch';
import { parseAtprotoIdentifier, resolveAtprotoIdentity } from './atproto-identity';

const DID = 'did:plc:abcdefghijklmnopqrstuvwx';
const document = (handle: string) => ({
  id: DID,
  alsoKnownAs: [`at://${handle}`],
  service: [
    {
      id: '#atproto_pds',
      type: 'AtprotoPersonalDataServer',
      serviceEndpoint: 'https://pds.example/',
    },
  ],
});

function deps(replies: Parameters<typeof fakeFetch>, txt: string[][] | Error | null) {
  const fetch = fakeFetch(...replies);
  return {
    fetch,
    deps: {
      http: createHttpClient({ fetch }),
      wellKnownDidUrl: (h: string) => `https://${h}/.well-known/atproto-did`,
      plcUrl: (did: string) => `https://plc.directory/${did}`,
      resolveTxt:
        txt === null
          ? null
          : () => (txt instanceof Error ? Promise.reject(txt) : Promise.resolve(txt)),
    },
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.catch((e: unknown) => e);
  return isProviderError(error) ? error.providerCode : null;
}

describe('atproto identity', () => {
  it.each([
    ['alice.bsky.social', { kind: 'handle', handle: 'alice.bsky.social' }],
    ['@Alice.Example.COM', { kind: 'handle', handle: 'alice.example.com' }],
    [DID, { kind: 'did', did: DID }],
    ['did:web:example.com', { kind: 'did', did: 'did:web:example.com' }],
    ['alice', null],
    ['alice.123', null],
    ['https://bsky.social', null],
    ['did:key:z6Mk', null],
    ['a'.repeat(64) + '.com', null],
  ])('reads %s', (input, expected) => {
    expect(parseAtprotoIdentifier(input)).toEqual(expected);
  });

  it('prefers the DNS TXT record, then checks the DID document claims the handle back', async () => {
    const { deps: d, fetch } = deps(
      [{ status: 200, body: document('alice.example.com') }],
      [[`did=${DID}`]],
    );
    await expect(resolveAtprotoIdentity('alice.example.com', d)).resolves.toEqual({
      did: DID,
      handle: 'alice.example.com',
      pdsUrl: 'https://pds.example',
    });
    expect(fetch.seen.map((r) => r.url)).toEqual([`https://plc.directory/${DID}`]);
  });

  it('falls back to https://<handle>/.well-known/atproto-did when DNS has nothing', async () => {
    const { deps: d, fetch } = deps(
      [
        { status: 200, body: `${DID}\n`, headers: { 'content-type': 'text/plain' } },
        { status: 200, body: document('alice.example.com') },
      ],
      new Error('ENOTFOUND'),
    );
    await expect(resolveAtprotoIdentity('alice.example.com', d)).resolves.toMatchObject({
      did: DID,
    });
    expect(fetch.seen[0].url).toBe('https://alice.example.com/.well-known/atproto-did');
  });

  it('refuses conflicting DNS records, a document that does not claim the handle, an unknown handle', async () => {
    expect(
      await codeOf(
        resolveAtprotoIdentity(
          'alice.example.com',
          deps([], [[`did=${DID}`], ['did=did:plc:zzzzzzzzzzzzzzzzzzzzzzzz']]).deps,
        ),
      ),
    ).toBe('bluesky-handle-not-found');
    expect(
      await codeOf(
        resolveAtprotoIdentity(
          'alice.example.com',
          deps([{ status: 200, body: document('mallory.example.com') }], [[`did=${DID}`]]).deps,
        ),
      ),
    ).toBe('bluesky-handle-mismatch');
    expect(
      await codeOf(resolveAtprotoIdentity('alice.example.com', deps([{ status: 404 }], null).deps)),
    ).toBe('bluesky-handle-not-found');
    expect(await codeOf(resolveAtprotoIdentity('not a handle', deps([], null).deps))).toBe(
      'bluesky-invalid-handle',
    );
  });
});
