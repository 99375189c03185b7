import {
  ACCOUNT_DISCONNECTED_V1,
  AccountDisconnectedV1,
  eventSubject,
  TOKEN_REFRESHED_V1,
} from '@switchboard/contracts';
import { eventsStreamName } from '@switchboard/platform';
import { ProviderError, type RevokeParams } from '@switchboard/providers';
import { testNatsUrl, waitFor } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { RevocationWorker } from '../services/token-vault/src/revoke/revocation.worker';
import { publishRaw } from './support/publish';
import { System } from './support/system';
import { putRequest, RpcConnection, sandboxTwitterGrant, sql } from './support/vault';
import { stubRegistry, VaultParts } from './support/vault-parts';

const credential = (accessToken: string) => ({
  accessToken,
  refreshToken: `rt-${accessToken}`,
  tokenType: 'bearer',
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  refreshExpiresAt: null,
  scopes: ['tweet.read', 'offline.access'],
  extra: {},
});

/**
 * Disconnect: the credential is unusable at once; the provider revocation is retried after a 5xx
 * (the ciphertext kept only for that), then the credential is shredded and `TokenRevoked`
 * published exactly once.
 */
describe('vault revocation', () => {
  describe('with a platform that answers 5xx first (focused, real PostgreSQL)', () => {
    let parts: VaultParts;
    const teamId = randomUUID();
    const revokeCalls: RevokeParams[] = [];
    let failuresLeft = 2;

    beforeAll(async () => {
      parts = await VaultParts.create({
        VAULT_REVOKE_RETRY_MS: '200',
        VAULT_REVOKE_EVENT_GRACE_MS: '1500',
      });
    }, 60_000);

    afterAll(() => parts?.close());

    const row = async (connectionId: string) =>
      (
        await parts.query<{
          status: string;
          kek_id: string | null;
          ciphertext: Buffer | null;
          revoke_pending: boolean;
          revoke_attempts: number;
          version: number;
        }>(
          `SELECT status, kek_id, ciphertext, revoke_pending, revoke_attempts, version
             FROM token_vault.credential WHERE connection_id = $1`,
          [connectionId],
        )
      )[0];
    const revokedEvents = (connectionId: string) =>
      parts.query<{ data: { providerRevoked: boolean; by: string } }>(
        `SELECT payload::jsonb -> 'data' AS data FROM token_vault.outbox
          WHERE type = 'switchboard.token.revoked.v1' AND payload::jsonb -> 'data' ->> 'connectionId' = $1`,
        [connectionId],
      );

    it('should stop serving at once, retry the provider after 5xx, then shred and announce once', async () => {
      const vault = await parts.replica(
        stubRegistry({
          revoke: (params) => {
            revokeCalls.push(params);
            if (failuresLeft-- > 0) {
              return Promise.reject(
                new ProviderError({
                  kind: 'transient',
                  message: 'TWITTER revoke failed: HTTP 503',
                  status: 503,
                }),
              );
            }
            return Promise.resolve({ revoked: true });
          },
        }),
      );
      const worker = new RevocationWorker(vault.dataSource, vault.revoker);
      worker.onApplicationBootstrap();
      try {
        const connectionId = randomUUID();
        await vault.credentials.put({
          connectionId,
          teamId,
          type: 'TWITTER',
          externalId: 'ext-revoke',
          credential: credential('at-revoke-me'),
        });

        const first = await vault.revoker.revoke(connectionId, teamId, 'team', 'gateway');
        expect(first).toEqual({ providerRevoked: false });
        // unusable at once, though the ciphertext is kept for the retry
        await expect(
          vault.credentials.getToken({ connectionId, teamId, purpose: 'api' }, 'gateway'),
        ).rejects.toMatchObject({ code: 'reauth-required' });
        await expect(
          vault.refresher.refresh({ connectionId, teamId, caller: 'test', purpose: 'manual' }),
        ).resolves.toMatchObject({ outcome: 'reauth_required' });
        expect(await row(connectionId)).toMatchObject({
          status: 'revoked',
          revoke_pending: true,
          revoke_attempts: 1,
        });
        expect((await row(connectionId)).ciphertext).not.toBeNull();
        expect((await revokedEvents(connectionId)).map((e) => e.data)).toEqual([
          expect.objectContaining({ providerRevoked: false, by: 'team' }),
        ]);

        // the worker retries with backoff (200 ms, 400 ms) until the platform confirms
        await waitFor(async () => ((await row(connectionId)).revoke_pending ? undefined : true), {
          what: 'the revocation to finish',
          timeoutMs: 15_000,
        });
        expect(revokeCalls).toHaveLength(3);
        expect(revokeCalls.every((c) => c.refreshToken === 'rt-at-revoke-me')).toBe(true);
        expect(await row(connectionId)).toMatchObject({
          status: 'revoked',
          kek_id: null,
          ciphertext: null,
          revoke_attempts: 3,
          version: 2,
        });
        // TokenRevoked went out once, with the first attempt's answer
        expect(await revokedEvents(connectionId)).toHaveLength(1);
        // a second disconnect changes nothing
        expect(await vault.revoker.revoke(connectionId, teamId, 'team', 'gateway')).toEqual({
          providerRevoked: false,
        });
        expect(revokeCalls).toHaveLength(3);
      } finally {
        await worker.beforeApplicationShutdown();
      }
    }, 60_000);

    it('should leave the first attempt after AccountDisconnected to the disconnect’s own call, or else to the worker', async () => {
      const calls: RevokeParams[] = [];
      const vault = await parts.replica(
        stubRegistry({ revoke: (p) => (calls.push(p), Promise.resolve({ revoked: true })) }),
      );
      const worker = new RevocationWorker(vault.dataSource, vault.revoker);
      worker.onApplicationBootstrap();
      const stored = async (name: string) => {
        const connectionId = randomUUID();
        await vault.credentials.put({
          connectionId,
          teamId,
          type: 'TWITTER',
          externalId: `ext-${name}`,
          credential: credential(`at-${name}`),
        });
        return connectionId;
      };
      const fromEvent = (connectionId: string, by: 'team' | 'provider') =>
        vault.dataSource.transaction((tx) =>
          vault.revoker.markDisconnected(tx, { connectionId, teamId, by }),
        );
      try {
        // the gateway's event marked it first; its call follows: that call revokes, once
        const called = await stored('event-then-call');
        expect(await fromEvent(called, 'team')).toEqual({ marked: true, dueNow: false });
        const answers = await Promise.all([
          vault.revoker.revoke(called, teamId, 'team', 'gateway'),
          vault.revoker.revoke(called, teamId, 'team', 'gateway'),
        ]);
        expect(answers.map((a) => a.providerRevoked).sort()).toEqual([false, true]);
        expect(calls.map((c) => c.refreshToken)).toEqual(['rt-at-event-then-call']);
        expect(await row(called)).toMatchObject({ revoke_pending: false, ciphertext: null });
        expect(await revokedEvents(called)).toHaveLength(1);

        // no call comes: the worker revokes once the grace is over, not before
        const alone = await stored('event-alone');
        const markedAt = Date.now();
        expect(await fromEvent(alone, 'team')).toEqual({ marked: true, dueNow: false });
        await waitFor(async () => ((await row(alone)).revoke_pending ? undefined : true), {
          what: 'the worker to revoke after the grace',
          timeoutMs: 15_000,
        });
        expect(Date.now() - markedAt).toBeGreaterThanOrEqual(1500);
        expect(calls.map((c) => c.refreshToken)).toEqual([
          'rt-at-event-then-call',
          'rt-at-event-alone',
        ]);
        // a late call finds nothing left to do
        expect(await vault.revoker.revoke(alone, teamId, 'team', 'gateway')).toEqual({
          providerRevoked: false,
        });
        expect(calls).toHaveLength(2);

        // the platform's own revocation waits for no one (and never calls the platform)
        expect(await fromEvent(await stored('by-provider'), 'provider')).toEqual({
          marked: true,
          dueNow: true,
        });
      } finally {
        await worker.beforeApplicationShutdown();
      }
    }, 60_000);

    it('should give up after the configured time and shred anyway', async () => {
      const vault = await parts.replica(
        stubRegistry({
          revoke: () =>
            Promise.reject(
              new ProviderError({ kind: 'transient', message: 'HTTP 500', status: 500 }),
            ),
        }),
      );
      const connectionId = randomUUID();
      await vault.credentials.put({
        connectionId,
        teamId,
        type: 'TWITTER',
        externalId: 'ext-give-up',
        credential: credential('at-give-up'),
      });
      await vault.revoker.revoke(connectionId, teamId, 'team', 'gateway');
      // pretend the revocation started a day ago
      await parts.query(
        `UPDATE token_vault.credential SET revoked_at = now() - interval '25 hours' WHERE connection_id = $1`,
        [connectionId],
      );
      await vault.revoker.finish(connectionId, 'token-vault');
      expect(await row(connectionId)).toMatchObject({
        revoke_pending: false,
        ciphertext: null,
        kek_id: null,
      });
    });

    it('should not call the platform when the platform itself revoked the grant', async () => {
      const calls: RevokeParams[] = [];
      const vault = await parts.replica(
        stubRegistry({ revoke: (p) => (calls.push(p), Promise.resolve({ revoked: true })) }),
      );
      const connectionId = randomUUID();
      await vault.credentials.put({
        connectionId,
        teamId,
        type: 'TWITTER',
        externalId: 'ext-by-provider',
        credential: credential('at-by-provider'),
      });
      expect(await vault.revoker.revoke(connectionId, teamId, 'provider', 'oauth')).toEqual({
        providerRevoked: false,
      });
      expect(calls).toEqual([]);
      expect(await row(connectionId)).toMatchObject({ status: 'revoked', ciphertext: null });
      expect((await revokedEvents(connectionId)).map((e) => e.data)).toEqual([
        expect.objectContaining({ providerRevoked: false, by: 'provider' }),
      ]);
    });
  });

  describe('on AccountDisconnected, against the sandbox', () => {
    // no disconnect call follows these events: the worker takes them after a short grace
    const system = new System({
      services: ['token-vault'],
      env: { VAULT_REVOKE_EVENT_GRACE_MS: '300' },
    });
    const teamId = randomUUID();
    let natsUrl: string;

    beforeAll(async () => {
      natsUrl = await testNatsUrl();
      await system.start();
    }, 120_000);

    afterAll(() => system.stop());

    it('should revoke the grant at the platform, shred the credential and publish TokenRevoked', async () => {
      const rpc = await RpcConnection.open(natsUrl, system.namespace, 'oauth');
      const connectionId = randomUUID();
      try {
        const grant = await sandboxTwitterGrant(system.sandbox.url, 'leaver');
        await rpc.ok('vault.credentials.put', putRequest(connectionId, teamId, grant));
      } finally {
        await rpc.close();
      }
      const id = randomUUID();
      const event = AccountDisconnectedV1.parse({
        specversion: '1.0',
        id,
        source: 'switchboard/test',
        type: ACCOUNT_DISCONNECTED_V1,
        time: new Date().toISOString(),
        subject: connectionId,
        datacontenttype: 'application/json',
        data: {
          connectionId,
          teamId,
          type: 'TWITTER',
          by: 'team',
          disconnectedAt: new Date().toISOString(),
        },
      });
      const subject = eventSubject(`${system.namespace}.events`, ACCOUNT_DISCONNECTED_V1);
      await publishRaw(natsUrl, subject, JSON.stringify(event), id);
      await publishRaw(natsUrl, subject, JSON.stringify(event), randomUUID()); // a redelivery

      const [row] = await waitFor(
        async () => {
          const rows = await sql<{
            status: string;
            ciphertext: Buffer | null;
            revoke_pending: boolean;
          }>(
            system.databaseUrl,
            `SELECT status, ciphertext, revoke_pending FROM token_vault.credential WHERE connection_id = $1`,
            [connectionId],
          );
          return rows[0]?.revoke_pending === false && rows[0].status === 'revoked'
            ? rows
            : undefined;
        },
        { what: 'the credential to be revoked and shredded', timeoutMs: 20_000 },
      );
      expect(row).toEqual({ status: 'revoked', ciphertext: null, revoke_pending: false });
      const grants = (await (
        await fetch(`${system.sandbox.url}/_sandbox/grants?type=TWITTER&user=leaver`)
      ).json()) as {
        items: { status: string; revokedReason: string | null }[];
      };
      expect(grants.items).toEqual([
        expect.objectContaining({ status: 'revoked', revokedReason: 'client-revoked' }),
      ]);
      expect((await system.sandbox.stats()).revokeCalls).toEqual({ TWITTER: 1 });
      const events = await sql<{ data: { providerRevoked: boolean; by: string } }>(
        system.databaseUrl,
        `SELECT payload::jsonb -> 'data' AS data FROM token_vault.outbox WHERE type = 'switchboard.token.revoked.v1'`,
      );
      expect(events.map((e) => e.data)).toEqual([
        expect.objectContaining({ providerRevoked: true, by: 'team' }),
      ]);
    }, 60_000);

    it('should receive only disconnects on its durable consumer, not every event', async () => {
      const nc = await connect({ servers: natsUrl });
      try {
        const jsm = await nc.jetstreamManager();
        const info = await jsm.consumers.info(eventsStreamName(system.namespace), 'token-vault');
        expect(info.config.filter_subject).toBe(
          eventSubject(`${system.namespace}.events`, ACCOUNT_DISCONNECTED_V1),
        );
        // an event of another type on the stream never reaches it
        await publishRaw(
          natsUrl,
          eventSubject(`${system.namespace}.events`, TOKEN_REFRESHED_V1),
          '{"not":"for the vault"}',
        );
        const after = await jsm.consumers.info(eventsStreamName(system.namespace), 'token-vault');
        expect(after.num_pending).toBe(0);
        expect(after.delivered.consumer_seq).toBe(info.delivered.consumer_seq);
      } finally {
        await nc.close();
      }
    });
  });
});
