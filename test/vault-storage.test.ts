import { findSecrets, testNatsUrl, waitFor } from '@switchboard/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';
import {
  dumpDatabase,
  metricValue,
  putRequest,
  RpcConnection,
  sandboxTwitterGrant,
  sql,
  type RpcAnswer,
} from './support/vault';

interface TokenReply {
  accessToken: string;
  expiresAt: string | null;
}
interface AuditPage {
  items: {
    id: string;
    caller: string;
    purpose: string;
    connectionId: string;
    teamId: string;
    credentialVersion: number;
    traceId: string | null;
  }[];
  nextCursor: string | null;
}

const secret = (label: string) => `${label}-${randomBytes(18).toString('base64url')}`;

/**
 * The vault's storage, against a running vault process: what is in PostgreSQL is ciphertext only;
 * tampered rows fail to open with a clear code; every decrypt is audited, in batches, and nothing
 * is lost on a clean shutdown.
 */
describe('vault storage: encryption at rest, tamper resistance, decrypt audit', () => {
  const system = new System({
    services: ['token-vault'],
    // long enough that audit entries are still in memory when the shutdown test stops the vault
    env: { VAULT_AUDIT_FLUSH_MS: '4000' },
  });
  const teamId = randomUUID();
  let rpc: RpcConnection;
  let secrets: SecretCollector;

  const get = (connectionId: string, purpose = 'api') =>
    rpc.call<TokenReply>('vault.token.get', { connectionId, teamId, purpose });

  const put = async (connectionId: string, accessToken: string, refreshToken: string | null) => {
    await rpc.ok(
      'vault.credentials.put',
      putRequest(connectionId, teamId, { accessToken, refreshToken, expiresIn: 3600 }),
    );
  };

  beforeAll(async () => {
    await system.start();
    rpc = await RpcConnection.open(await testNatsUrl(), system.namespace, 'gateway');
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
  }, 120_000);

  afterAll(async () => {
    await rpc?.close();
    await system.stop();
  });

  describe('at rest', () => {
    it('should keep no token in plaintext anywhere in the database', async () => {
      const stored: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const access = secret('at');
        const refresh = secret('rt');
        stored.push(access, refresh);
        await put(randomUUID(), access, refresh);
      }
      // a real grant from the sandbox, refreshed once (the rotated tokens exist only in the vault)
      const grant = await sandboxTwitterGrant(system.sandbox.url, 'storage-user');
      const sandboxConnection = randomUUID();
      await put(sandboxConnection, grant.accessToken, grant.refreshToken);
      const refreshed = await rpc.ok<{ outcome: string }>('vault.refresh', {
        connectionId: sandboxConnection,
        teamId,
        trigger: 'manual',
      });
      expect(refreshed.outcome).toBe('refreshed');
      const after = await get(sandboxConnection);
      expect(after.ok).toBe(true);
      secrets.add(...stored, grant.accessToken, grant.refreshToken);
      if (after.ok) secrets.add(after.data.accessToken);
      await secrets.vaultTokens(); // every generation the vault holds now, rotated refresh token included
      await waitFor(
        async () =>
          (await sql(system.databaseUrl, 'SELECT 1 FROM token_vault.decrypt_audit')).length > 0 ||
          undefined,
        {
          what: 'audit rows in the dump',
          timeoutMs: 10_000,
        },
      );

      const dump = await dumpDatabase(system.databaseUrl);
      expect(dump.filter((l) => l.startsWith('token_vault.credential:'))).toHaveLength(6);
      expect(dump.some((l) => l.startsWith('token_vault.outbox:'))).toBe(true);
      expect(dump.some((l) => l.startsWith('token_vault.decrypt_audit:'))).toBe(true);
      expect(secrets.size).toBeGreaterThanOrEqual(14);
      // the search does find what it looks for: the connection ids are in there in the clear
      expect(findSecrets(dump, [sandboxConnection])).not.toEqual([]);
      expect(findSecrets(dump, secrets.list())).toEqual([]);
    });
  });

  describe('tampering', () => {
    const victim = randomUUID();
    const donor = randomUUID();

    beforeAll(async () => {
      await put(victim, secret('victim-at'), secret('victim-rt'));
      await put(donor, secret('donor-at'), secret('donor-rt'));
      // a second key in the keyring, so "a wrong key id" can also name a key that exists
      const ring = JSON.parse(readFileSync(system.keyringFile, 'utf8')) as {
        activeKeyId: string;
        keys: Record<string, string>;
      };
      ring.keys['e2e-2'] = randomBytes(32).toString('base64');
      writeFileSync(system.keyringFile, JSON.stringify(ring), { mode: 0o600 });
    });

    const tamper = async (assignments: string, values: unknown[] = []) => {
      await sql(
        system.databaseUrl,
        `UPDATE token_vault.credential SET ${assignments} WHERE connection_id = $1`,
        [victim, ...values],
      );
    };
    const restore = async (original: Record<string, unknown>) => {
      await tamper('kek_id = $2, wrapped_key = $3, iv = $4, ciphertext = $5, tag = $6', [
        original.kek_id,
        original.wrapped_key,
        original.iv,
        original.ciphertext,
        original.tag,
      ]);
      expect((await get(victim)).ok).toBe(true);
    };
    const sealedColumns = async (connectionId: string) =>
      (
        await sql(
          system.databaseUrl,
          `SELECT kek_id, wrapped_key, iv, ciphertext, tag FROM token_vault.credential WHERE connection_id = $1`,
          [connectionId],
        )
      )[0];
    const expectRefused = (answer: RpcAnswer<TokenReply>, code: string) => {
      expect(answer).toEqual({ ok: false, error: { code } });
    };

    it('should refuse a ciphertext copied from another connection with decrypt-failed', async () => {
      const original = await sealedColumns(victim);
      const copied = await sealedColumns(donor);
      await tamper('kek_id = $2, wrapped_key = $3, iv = $4, ciphertext = $5, tag = $6', [
        copied.kek_id,
        copied.wrapped_key,
        copied.iv,
        copied.ciphertext,
        copied.tag,
      ]);
      expectRefused(await get(victim), 'decrypt-failed');
      expect((await get(donor)).ok).toBe(true);
      await restore(original);
    });

    it('should refuse one flipped ciphertext byte with decrypt-failed', async () => {
      const original = await sealedColumns(victim);
      const flipped = Buffer.from(original.ciphertext as Buffer);
      flipped[Math.floor(flipped.length / 2)] ^= 0x01;
      await tamper('ciphertext = $2', [flipped]);
      expectRefused(await get(victim), 'decrypt-failed');
      await restore(original);
    });

    it('should refuse a truncated authentication tag with decrypt-failed', async () => {
      const original = await sealedColumns(victim);
      await tamper('tag = $2', [(original.tag as Buffer).subarray(0, 12)]);
      expectRefused(await get(victim), 'decrypt-failed');
      await restore(original);
    });

    it('should refuse a wrong key id: another real key with decrypt-failed, an unknown one with unknown-key-id', async () => {
      const original = await sealedColumns(victim);
      await tamper(`kek_id = 'e2e-2'`);
      expectRefused(await get(victim), 'decrypt-failed');
      await tamper(`kek_id = 'no-such-key'`);
      expectRefused(await get(victim), 'unknown-key-id');
      await restore(original);
    });

    it('should refuse a refresh of a tampered credential the same way, and keep the row as it was', async () => {
      const original = await sealedColumns(victim);
      await tamper('ciphertext = $2', [
        Buffer.concat([original.ciphertext as Buffer, Buffer.from([0])]),
      ]);
      const answer = await rpc.call('vault.refresh', {
        connectionId: victim,
        teamId,
        trigger: 'manual',
      });
      expect(answer).toEqual({ ok: false, error: { code: 'decrypt-failed' } });
      const [row] = await sql(
        system.databaseUrl,
        `SELECT status, version FROM token_vault.credential WHERE connection_id = $1`,
        [victim],
      );
      expect(row).toEqual({ status: 'active', version: 1 });
      await restore(original);
    });
  });

  describe('decrypt audit', () => {
    const connectionId = randomUUID();
    const traceId = randomBytes(16).toString('hex');

    beforeAll(async () => {
      await put(connectionId, secret('audited-at'), secret('audited-rt'));
    });

    const list = (cursor: string | null, limit = 500) =>
      rpc.ok<AuditPage>('vault.audit.list', { teamId: null, connectionId, limit, cursor });

    it('should record every decrypt with caller, purpose, version and trace id, listable page by page', async () => {
      await rpc.ok('vault.token.get', { connectionId, teamId, purpose: 'publish-post' });
      const traced = await rpc.call(
        'vault.token.get',
        { connectionId, teamId, purpose: 'insights' },
        {
          traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        },
      );
      expect(traced.ok).toBe(true);
      for (let i = 0; i < 5; i += 1)
        await rpc.ok('vault.token.get', { connectionId, teamId, purpose: 'api' });

      const all = await waitFor(
        async () => {
          const page = await list(null);
          return page.items.length >= 7 ? page.items : undefined;
        },
        { what: 'seven audit entries', timeoutMs: 15_000 },
      );
      expect(all).toHaveLength(7);
      expect(
        all.every(
          (e) => e.caller === 'gateway' && e.teamId === teamId && e.credentialVersion === 1,
        ),
      ).toBe(true);
      expect(all.filter((e) => e.purpose === 'api')).toHaveLength(5);
      expect(all.find((e) => e.purpose === 'insights')?.traceId).toBe(traceId);
      expect(all.every((e) => e.traceId !== null && /^[0-9a-f]{32}$/.test(e.traceId))).toBe(true);
      // newest first, and the same entries again in pages of two
      expect(all[all.length - 1].purpose).toBe('publish-post');
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: AuditPage = await list(cursor, 2);
        paged.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all.map((e) => e.id));
    });

    it('should write the entries still in memory when the vault shuts down cleanly', async () => {
      const before = await countFor(connectionId);
      const calls = 300;
      for (let i = 0; i < calls; i += 10) {
        await Promise.all(
          Array.from({ length: 10 }, () =>
            rpc.ok('vault.token.get', { connectionId, teamId, purpose: 'shutdown-drill' }),
          ),
        );
      }
      // still buffered: the flush period is 4 s
      expect(
        await metricValue(system.port('token-vault'), 'vault_decrypt_audit_pending'),
      ).toBeGreaterThan(0);
      await system.processes.get('token-vault')!.stop();
      expect(await countFor(connectionId)).toBe(before + calls);
      await system.restart('token-vault');
    });

    const countFor = async (id: string) =>
      Number(
        (
          await sql<{ n: string }>(
            system.databaseUrl,
            `SELECT count(*) AS n FROM token_vault.decrypt_audit WHERE connection_id = $1`,
            [id],
          )
        )[0].n,
      );
  });

  it('should still have the vault running', () => {
    expect(system.exited()).toEqual([]);
  });
});
