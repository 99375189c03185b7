import type { RefreshParams, TokenSet } from '@switchboard/providers';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { aadOf } from '../services/token-vault/src/crypto/envelope';
import { stubRegistry, VaultParts } from './support/vault-parts';

/** A provider refresh the test answers by hand, to hold a lock for as long as it likes. */
class HeldRefreshes {
  readonly calls: { refreshToken: string; answer(tokens: TokenSet): void }[] = [];

  refresh = (params: RefreshParams): Promise<TokenSet> =>
    new Promise((resolve) => {
      this.calls.push({ refreshToken: params.refreshToken, answer: resolve });
    });

  async waitForCall(n: number): Promise<void> {
    const until = Date.now() + 10_000;
    while (this.calls.length < n) {
      if (Date.now() > until) throw new Error(`no provider call #${n}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const tokens = (label: string): TokenSet => ({
  accessToken: `at-${label}`,
  refreshToken: `rt-${label}`,
  tokenType: 'bearer',
  expiresAt: new Date(Date.now() + 3600_000),
  refreshExpiresAt: null,
  scopes: ['tweet.read', 'offline.access'],
  extra: {},
});

/**
 * Fencing, on real PostgreSQL with two vault replicas built in-process (each with its own
 * single-flight map, as two processes would have) and a provider the test answers by hand.
 */
describe('vault refresh lock: fencing token and compare-and-swap', () => {
  let parts: VaultParts;
  const teamId = randomUUID();

  beforeAll(async () => {
    parts = await VaultParts.create({
      VAULT_LOCK_TTL_MS: '1000',
      VAULT_REFRESH_COALESCE_SECONDS: '0',
      // replicas notice another's key rotation only when the test says so
      VAULT_KEYRING_POLL_MS: '60000',
    });
  }, 60_000);

  afterAll(() => parts?.close());

  const seed = async (put: (req: never) => Promise<unknown>, connectionId: string) => {
    await put({
      connectionId,
      teamId,
      type: 'TWITTER',
      externalId: 'ext-1',
      credential: {
        accessToken: 'at-original',
        refreshToken: 'rt-original',
        tokenType: 'bearer',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        refreshExpiresAt: null,
        scopes: ['tweet.read', 'offline.access'],
        extra: {},
      },
    } as never);
  };

  const stored = async (connectionId: string) => {
    const [row] = await parts.query<{
      version: number;
      lock_token: string;
      kek_id: string;
      wrapped_key: Buffer;
      iv: Buffer;
      ciphertext: Buffer;
      tag: Buffer;
    }>(
      `SELECT version, lock_token, kek_id, wrapped_key, iv, ciphertext, tag FROM token_vault.credential WHERE connection_id = $1`,
      [connectionId],
    );
    return row;
  };

  const refreshedEvents = async (connectionId: string) =>
    parts.query<{ version: number }>(
      `SELECT (payload::jsonb -> 'data' ->> 'credentialVersion')::int AS version FROM token_vault.outbox
        WHERE type = 'switchboard.token.refreshed.v1' AND payload::jsonb -> 'data' ->> 'connectionId' = $1`,
      [connectionId],
    );

  it('should reject the write of a holder whose lock lapsed after another replica took over', async () => {
    const provider = new HeldRefreshes();
    const a = await parts.replica(stubRegistry({ refresh: provider.refresh }));
    const b = await parts.replica(stubRegistry({ refresh: provider.refresh }));
    const connectionId = randomUUID();
    await seed((req) => a.credentials.put(req), connectionId);

    const req = { connectionId, teamId, caller: 'test', purpose: 'manual' };
    const first = a.refresher.refresh(req); // takes the lock (fence 1), then hangs at the provider
    await provider.waitForCall(1);
    expect((await stored(connectionId)).lock_token).toBe('1');

    await new Promise((r) => setTimeout(r, 1300)); // A's lock (1 s) lapses while A is still waiting
    const second = b.refresher.refresh(req); // B takes the lapsed lock: fence 2
    await provider.waitForCall(2);
    expect((await stored(connectionId)).lock_token).toBe('2');
    provider.calls[1].answer(tokens('from-b'));
    await expect(second).resolves.toMatchObject({
      outcome: 'refreshed',
      credentialVersion: 2,
      providerCalled: true,
    });

    // A's answer finally arrives: its write carries fence 1 and version 1, both stale
    provider.calls[0].answer(tokens('from-a'));
    await expect(first).rejects.toMatchObject({ code: 'stale-write' });

    const row = await stored(connectionId);
    expect(row.version).toBe(2);
    const secret = JSON.parse(
      b.envelope
        .open(
          {
            kekId: row.kek_id,
            wrappedKey: row.wrapped_key,
            iv: row.iv,
            ciphertext: row.ciphertext,
            tag: row.tag,
          },
          aadOf({ teamId, connectionId, version: 2 }),
        )
        .toString('utf8'),
    ) as { accessToken: string; refreshToken: string };
    expect(secret).toMatchObject({ accessToken: 'at-from-b', refreshToken: 'rt-from-b' });
    expect(await refreshedEvents(connectionId)).toEqual([{ version: 2 }]);
  });

  it('should reject a lapsed holder even when the one who took over wrote nothing', async () => {
    const provider = new HeldRefreshes();
    const a = await parts.replica(stubRegistry({ refresh: provider.refresh }));
    const connectionId = randomUUID();
    await seed((req) => a.credentials.put(req), connectionId);
    const first = a.refresher.refresh({ connectionId, teamId, caller: 'test', purpose: 'manual' });
    await provider.waitForCall(1);
    await new Promise((r) => setTimeout(r, 1300));
    // someone else takes the lapsed lock and lets it go
    const [taken] = await parts.query<unknown>(
      `UPDATE token_vault.credential SET lock_token = lock_token + 1, lock_until = NULL
        WHERE connection_id = $1 AND lock_until < now() RETURNING lock_token`,
      [connectionId],
    );
    expect(taken).toBeDefined();
    provider.calls[0].answer(tokens('late'));
    await expect(first).rejects.toMatchObject({ code: 'stale-write' });
    expect((await stored(connectionId)).version).toBe(1);
    expect(await refreshedEvents(connectionId)).toEqual([]);
  });

  it('should let a second replica wait for the lock holder and join its result instead of calling the provider', async () => {
    const provider = new HeldRefreshes();
    const a = await parts.replica(stubRegistry({ refresh: provider.refresh }));
    const b = await parts.replica(stubRegistry({ refresh: provider.refresh }));
    const connectionId = randomUUID();
    await seed((req) => a.credentials.put(req), connectionId);
    const req = { connectionId, teamId, caller: 'test', purpose: 'manual' };
    const first = a.refresher.refresh(req);
    await provider.waitForCall(1);
    const joinedA = a.refresher.refresh(req); // same replica: joins in memory
    const joinedB = b.refresher.refresh(req); // other replica: waits on the row lock
    await new Promise((r) => setTimeout(r, 200));
    provider.calls[0].answer(tokens('only'));
    await expect(first).resolves.toMatchObject({ outcome: 'refreshed', providerCalled: true });
    await expect(joinedA).resolves.toMatchObject({
      outcome: 'refreshed',
      credentialVersion: 2,
      providerCalled: false,
    });
    await expect(joinedB).resolves.toMatchObject({
      outcome: 'refreshed',
      credentialVersion: 2,
      providerCalled: false,
    });
    expect(provider.calls).toHaveLength(1);
  });

  it('should answer a scheduled refresh of a token that still has most of its life with the current state', async () => {
    const provider = new HeldRefreshes();
    const a = await parts.replica(stubRegistry({ refresh: provider.refresh }));
    const connectionId = randomUUID();
    await seed((req) => a.credentials.put(req), connectionId);
    const outcome = await a.refresher.refresh({
      connectionId,
      teamId,
      caller: 'test',
      purpose: 'scheduled',
    });
    expect(outcome).toMatchObject({
      outcome: 'refreshed',
      credentialVersion: 1,
      providerCalled: false,
    });
    expect(provider.calls).toHaveLength(0);
  });

  it('should write a refresh with the new key when another replica rotated and this one has not noticed yet', async () => {
    const file = parts.env.VAULT_KEYRING_FILE;
    const ring = JSON.parse(readFileSync(file, 'utf8')) as { keys: Record<string, string> };
    ring.keys.k2 = randomBytes(32).toString('base64');
    writeFileSync(file, JSON.stringify(ring), { mode: 0o600 });
    const answer = (p: RefreshParams) => Promise.resolve(tokens(`after-${p.refreshToken}`));
    const a = await parts.replica(stubRegistry({ refresh: answer }));
    const b = await parts.replica(stubRegistry({ refresh: answer }));
    const connectionId = randomUUID();
    await seed((req) => a.credentials.put(req), connectionId);

    await b.keyRing.rotate('k2');
    expect(a.keyRing.activeKeyId).toBe('k1'); // its poll has not come round yet
    await expect(
      a.refresher.refresh({ connectionId, teamId, caller: 'test', purpose: 'manual' }),
    ).resolves.toMatchObject({ outcome: 'refreshed', credentialVersion: 2 });

    // sealed with the active key (read under the share lock), and A follows it from now on
    expect((await stored(connectionId)).kek_id).toBe('k2');
    expect(a.keyRing.activeKeyId).toBe('k2');
    expect(await refreshedEvents(connectionId)).toEqual([{ version: 2 }]);
  });
});
