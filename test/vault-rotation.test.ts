import { testNatsUrl, waitFor } from '@switchboard/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { aadOf, Envelope } from '../services/token-vault/src/crypto/envelope';
import { FileKeyring } from '../services/token-vault/src/crypto/keyring';
import { System } from './support/system';
import {
  metricValue,
  putRequest,
  RpcConnection,
  sandboxTwitterGrant,
  sql,
  type RpcAnswer,
} from './support/vault';

const CREDENTIALS = 10_000;
const REFRESHABLE = 8;

interface KeyStatus {
  activeKeyId: string;
  keys: { id: string; state: string; sealedItems: number; inKeyring: boolean }[];
  rewrapRemaining: number;
}

/** Inserts sealed credentials in batches of 1,000, as `vault.credentials.put` would store them. */
async function seedSealed(databaseUrl: string, keyringFile: string, teamId: string, ids: string[]) {
  const envelope = new Envelope(FileKeyring.fromFile(keyringFile));
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (let i = 0; i < ids.length; i += 1000) {
      const batch = ids.slice(i, i + 1000);
      const sealed = batch.map((id) => {
        const token = `at-${randomBytes(12).toString('base64url')}`;
        const plaintext = Buffer.from(
          JSON.stringify({ accessToken: token, refreshToken: `rt-${token}`, extra: {} }),
        );
        return envelope.seal(plaintext, aadOf({ teamId, connectionId: id, version: 1 }), 'e2e-1');
      });
      await db.query(
        `INSERT INTO token_vault.credential (connection_id, team_id, type, external_id, version,
           status, kek_id, wrapped_key, iv, ciphertext, tag, token_type, scopes, expires_at,
           refreshable, issued_at)
         SELECT id, $2, 'TWITTER', 'ext-' || id, 1, 'active', 'e2e-1', wk, iv, ct, tag, 'bearer',
                '{tweet.read,offline.access}', now() + interval '1 hour', true, now()
           FROM unnest($1::uuid[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[])
             AS s(id, wk, iv, ct, tag)`,
        [
          batch,
          teamId,
          sealed.map((x) => x.wrappedKey),
          sealed.map((x) => x.iv),
          sealed.map((x) => x.ciphertext),
          sealed.map((x) => x.tag),
        ],
      );
    }
  } finally {
    await db.end();
  }
}

/** Runs `work` over `items` with `concurrency` calls in flight. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * The rotation drill, against two vault replicas: 10,000 credentials sealed under k1; k2 is added
 * to the mounted keyring and made active; the re-wrap job moves every data key while reads and
 * refreshes (real rotating sandbox grants) carry on; then k1 is retired and removed from the file.
 */
describe('vault key rotation drill', () => {
  const system = new System({
    services: ['token-vault'],
    env: {
      VAULT_KEYRING_POLL_MS: '500',
      VAULT_REWRAP_BATCH: '100',
      VAULT_REFRESH_COALESCE_SECONDS: '0',
    },
  });
  const teamId = randomUUID();
  const ids: string[] = Array.from({ length: CREDENTIALS }, () => randomUUID());
  const refreshable: string[] = [];
  let rpc: RpcConnection;
  let ops: RpcConnection;

  const keyring = () =>
    JSON.parse(readFileSync(system.keyringFile, 'utf8')) as {
      activeKeyId: string;
      keys: Record<string, string>;
    };
  const status = () => ops.ok<KeyStatus>('vault.keys.status', {});

  beforeAll(async () => {
    const natsUrl = await testNatsUrl();
    await system.start();
    await system.startReplica('token-vault', 2);
    await system.sandbox.ttl('TWITTER', 3600);
    rpc = await RpcConnection.open(natsUrl, system.namespace, 'gateway');
    ops = await RpcConnection.open(natsUrl, system.namespace, 'ops');
    for (let i = 0; i < REFRESHABLE; i += 1) {
      const grant = await sandboxTwitterGrant(system.sandbox.url, `rotator-${i}`);
      await rpc.ok('vault.credentials.put', putRequest(ids[i], teamId, grant));
      refreshable.push(ids[i]);
    }
    // the other 9,992 go straight into the table, sealed exactly as the vault seals (same keyring,
    // same associated data): seeding through RPC would only make the drill slower
    const started = Date.now();
    await seedSealed(system.databaseUrl, system.keyringFile, teamId, ids.slice(REFRESHABLE));
    process.stdout.write(`seeded ${CREDENTIALS} credentials in ${Date.now() - started} ms\n`);
  }, 300_000);

  afterAll(async () => {
    await rpc?.close();
    await ops?.close();
    await system.stop();
  });

  it('should start with every credential on the keyring file’s key', async () => {
    const s = await status();
    expect(s.activeKeyId).toBe('e2e-1');
    expect(s.keys).toEqual([
      expect.objectContaining({
        id: 'e2e-1',
        state: 'active',
        sealedItems: CREDENTIALS,
        inKeyring: true,
      }),
    ]);
    expect(s.rewrapRemaining).toBe(0);
  });

  it('should refuse to rotate to a key the keyring file does not hold', async () => {
    const answer = await ops.call('vault.keys.rotate', { keyId: 'e2e-2' });
    expect(answer).toEqual({ ok: false, error: { code: 'unknown-key-id' } });
  });

  it('should re-wrap all 10,000 while reads and refreshes continue, with none unreadable', async () => {
    const ring = keyring();
    ring.keys['e2e-2'] = randomBytes(32).toString('base64');
    ring.activeKeyId = 'e2e-2';
    writeFileSync(system.keyringFile, JSON.stringify(ring), { mode: 0o600 });

    let running = true;
    const readErrors: string[] = [];
    const refreshOutcomes: Record<string, number> = {};
    let reads = 0;
    const readers = Array.from({ length: 16 }, async () => {
      while (running) {
        const id = ids[Math.floor(Math.random() * ids.length)];
        const a = await rpc.call('vault.token.get', { connectionId: id, teamId, purpose: 'drill' });
        reads += 1;
        if (!a.ok) readErrors.push(a.error.code);
      }
    });
    const refreshers = refreshable.map(async (id) => {
      while (running) {
        const a: RpcAnswer<{ outcome: string }> = await rpc.call('vault.refresh', {
          connectionId: id,
          teamId,
          trigger: 'manual',
        });
        const key = a.ok ? a.data.outcome : a.error.code;
        refreshOutcomes[key] = (refreshOutcomes[key] ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 200));
      }
    });

    const stopTraffic = async () => {
      running = false;
      await Promise.all([...readers, ...refreshers]);
    };
    let progress: number[] = [];
    let tookMs = 0;
    let fresh: string[] = [];
    let readsDuringRewrap = 0;
    let refreshesDuringRewrap = 0;
    try {
      await new Promise((r) => setTimeout(r, 1000)); // traffic first
      const startedAt = Date.now();
      const readsBefore = reads;
      const refreshesBefore = refreshOutcomes.refreshed ?? 0;
      const rotated = await ops.ok<{
        activeKeyId: string;
        previousKeyId: string;
        rewrapRemaining: number;
      }>('vault.keys.rotate', { keyId: null });
      expect(rotated).toMatchObject({ activeKeyId: 'e2e-2', previousKeyId: 'e2e-1' });
      expect(rotated.rewrapRemaining).toBeGreaterThan(0);

      // retiring the old key is refused while credentials still use it
      const [early, during] = await Promise.all([
        ops.call('vault.keys.retire', { keyId: 'e2e-1' }),
        status(),
      ]);
      expect(early).toEqual({ ok: false, error: { code: 'key-in-use' } });
      expect(during.keys.find((k) => k.id === 'e2e-1')?.sealedItems).toBeGreaterThan(0);

      // new writes use the new key at once, whichever replica takes them
      fresh = Array.from({ length: 20 }, () => randomUUID());
      for (const id of fresh) {
        await rpc.ok(
          'vault.credentials.put',
          putRequest(id, teamId, { accessToken: `at-${id}`, refreshToken: null, expiresIn: 3600 }),
        );
      }
      const freshKeys = await sql<{ kek_id: string }>(
        system.databaseUrl,
        `SELECT DISTINCT kek_id FROM token_vault.credential WHERE connection_id = ANY($1::uuid[])`,
        [fresh],
      );
      expect(freshKeys).toEqual([{ kek_id: 'e2e-2' }]);

      progress = [];
      await waitFor(
        async () => {
          const s = await status();
          progress.push(s.rewrapRemaining);
          return s.rewrapRemaining === 0 || undefined;
        },
        { what: 'the re-wrap to finish', timeoutMs: 180_000, intervalMs: 100 },
      );
      readsDuringRewrap = reads - readsBefore;
      refreshesDuringRewrap = (refreshOutcomes.refreshed ?? 0) - refreshesBefore;
      tookMs = Date.now() - startedAt;
      await new Promise((r) => setTimeout(r, 1000)); // a little more traffic on the new key
    } finally {
      await stopTraffic();
    }

    const perReplica = [
      await metricValue(system.port('token-vault'), 'vault_rewrapped_total'),
      await metricValue(system.port('token-vault#2'), 'vault_rewrapped_total'),
    ];
    process.stdout.write(
      `re-wrapped in ${tookMs} ms (replicas: ${perReplica.join(' + ')}), remaining samples ` +
        `${progress.slice(0, 8).join(', ')}…, ${readsDuringRewrap} reads and ${refreshesDuringRewrap} ` +
        `refreshes while it ran; in all ${reads} reads, refreshes ${JSON.stringify(refreshOutcomes)}\n`,
    );
    expect(readErrors).toEqual([]);
    expect(reads).toBeGreaterThan(100);
    expect(Object.keys(refreshOutcomes)).toEqual(['refreshed']);
    expect(refreshOutcomes.refreshed).toBeGreaterThanOrEqual(REFRESHABLE);
    expect(perReplica[0] + perReplica[1]).toBeGreaterThanOrEqual(CREDENTIALS - REFRESHABLE * 2);
    expect(readsDuringRewrap).toBeGreaterThan(0);
    expect(refreshesDuringRewrap).toBeGreaterThan(0);

    const onOld = await sql<{ n: string }>(
      system.databaseUrl,
      `SELECT count(*) AS n FROM token_vault.credential WHERE kek_id = 'e2e-1'`,
    );
    expect(onOld).toEqual([{ n: '0' }]);
    const s = await status();
    expect(s.keys.find((k) => k.id === 'e2e-1')).toMatchObject({
      state: 'decrypt_only',
      sealedItems: 0,
    });
    expect(s.keys.find((k) => k.id === 'e2e-2')).toMatchObject({
      state: 'active',
      sealedItems: CREDENTIALS + fresh.length,
    });
    // the gauge says the same on the replica that did not take the rotate call
    expect(
      await metricValue(system.port('token-vault#2'), 'vault_sealed_items', 'kek_id="e2e-1"'),
    ).toBe(0);
    expect(
      await metricValue(system.port('token-vault#2'), 'vault_sealed_items', 'kek_id="e2e-2"'),
    ).toBe(CREDENTIALS + fresh.length);
  }, 300_000);

  it('should retire the old key, refuse the active one, and never bring a retired one back', async () => {
    expect(await ops.call('vault.keys.retire', { keyId: 'e2e-2' })).toEqual({
      ok: false,
      error: { code: 'key-active' },
    });
    const retired = await waitFor(
      async () => {
        const a = await ops.call<{ keyId: string }>('vault.keys.retire', { keyId: 'e2e-1' });
        return a.ok ? a.data : undefined;
      },
      { what: 'the old key to be retired', timeoutMs: 10_000 },
    );
    expect(retired.keyId).toBe('e2e-1');
    expect(await ops.call('vault.keys.rotate', { keyId: 'e2e-1' })).toEqual({
      ok: false,
      error: { code: 'key-retired' },
    });
  });

  it('should read every credential after the old key left the keyring file', async () => {
    const ring = keyring();
    delete ring.keys['e2e-1'];
    writeFileSync(system.keyringFile, JSON.stringify(ring), { mode: 0o600 });
    await system.restart('token-vault');
    const failures: string[] = [];
    await pool(ids, 50, async (id) => {
      const a = await rpc.call('vault.token.get', { connectionId: id, teamId, purpose: 'verify' });
      if (!a.ok) failures.push(`${id}: ${a.error.code}`);
    });
    expect(failures).toEqual([]);
  }, 120_000);
});
