import { Logger } from '@nestjs/common';
import { OutboxService } from '@switchboard/bus';
import {
  CodedError,
  ErrorCodes,
  VaultRevoke,
  type AnyRpc,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { dataSourceOptions, migrate, type RpcClient } from '@switchboard/platform';
import { testPostgres, type TestDatabase } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccountEntity } from '../services/gateway/src/accounts/account.entity';
import { AccountManagementService } from '../services/gateway/src/accounts/account-management.service';
import { RegistryService } from '../services/gateway/src/accounts/registry.service';
import type { GatewayEnv } from '../services/gateway/src/config';
import { Init1763769600000 } from '../services/gateway/src/migrations/1763769600000-init';
import { AccountManagement1763800000000 } from '../services/gateway/src/migrations/1763800000000-account-management';
import { SlotExternalId1763950000000 } from '../services/gateway/src/migrations/1763950000000-slot-external-id';
import { PortalLinks1764200000000 } from '../services/gateway/src/migrations/1764200000000-portal-links';
import type { TeamsService } from '../services/gateway/src/teams/teams.service';

type RevokeRequest = RpcRequest<typeof VaultRevoke>;

/**
 * The gateway's disconnect against real PostgreSQL, with the vault played by a stand-in: each
 * disconnect must announce `AccountDisconnected` exactly once, whatever the vault's own
 * `TokenRevoked` does to the registry meanwhile (a CI run once saw that event arrive first, after
 * which the team-disconnect notice never came).
 */
describe('gateway disconnect: announced once, whatever reaches the registry first', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let registry: RegistryService;
  let teamId: string;
  let vault: (req: RevokeRequest) => Promise<RpcReply<typeof VaultRevoke>>;
  const vaultCalls: RevokeRequest[] = [];

  const rpc = {
    call: async <C extends AnyRpc>(contract: C, request: RpcRequest<C>): Promise<RpcReply<C>> => {
      if (contract.subject !== VaultRevoke.subject)
        throw new Error(`unexpected ${contract.subject}`);
      const req = VaultRevoke.request.parse(request);
      vaultCalls.push(req);
      return (await vault(req)) as RpcReply<C>;
    },
  } as unknown as RpcClient;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    database = await (await testPostgres()).createDatabase('gateway');
    const options = {
      url: database.url,
      schema: 'gateway',
      entities: [AccountEntity],
      migrations: [
        Init1763769600000,
        AccountManagement1763800000000,
        SlotExternalId1763950000000,
        PortalLinks1764200000000,
      ],
    };
    await migrate(options);
    dataSource = new DataSource(dataSourceOptions({ ...options, migrations: [] }));
    await dataSource.initialize();
    registry = new RegistryService(dataSource);
    teamId = randomUUID();
    await dataSource.query(
      `INSERT INTO gateway.team (id, name, plan, created_at) VALUES ($1, 'Acme', 'pro', now())`,
      [teamId],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(() => {
    vaultCalls.length = 0;
    vault = () => Promise.resolve({ providerRevoked: true });
  });

  const management = () =>
    new AccountManagementService(
      dataSource,
      rpc,
      new OutboxService({ schema: 'gateway', source: 'switchboard/gateway', service: 'gateway' }),
      {} as TeamsService,
      {} as GatewayEnv,
    );

  async function activeAccount(): Promise<AccountEntity> {
    const id = randomUUID();
    await registry.upsertConnected({
      id,
      teamId,
      type: 'TWITTER',
      externalId: `x-${id.slice(0, 8)}`,
      displayName: 'Dora',
      avatarUrl: null,
      status: 'ACTIVE',
      memberId: null,
      endUserId: null,
      metadata: {},
      connectedAt: new Date().toISOString(),
      expiresAt: null,
      credentialVersion: 1,
    });
    return load(id);
  }

  const load = async (id: string): Promise<AccountEntity> =>
    dataSource.getRepository(AccountEntity).findOneByOrFail({ id });

  async function announced(id: string): Promise<{ by: string }[]> {
    const rows: { payload: { data: { by: string } } }[] = await dataSource.query(
      `SELECT payload FROM gateway.outbox
       WHERE type = 'switchboard.account.disconnected.v1' AND payload->'data'->>'connectionId' = $1`,
      [id],
    );
    return rows.map((r) => ({ by: r.payload.data.by }));
  }

  /** What the vault's TokenRevoked does when the registry consumer applies it. */
  const tokenRevokedApplied = (req: RevokeRequest) =>
    dataSource.transaction((tx) =>
      registry.applyDisconnected(
        {
          connectionId: req.connectionId,
          teamId: req.teamId,
          type: 'TWITTER',
          revokedAt: new Date().toISOString(),
          providerRevoked: true,
          by: req.by,
        },
        tx,
      ),
    );

  it('announces the disconnect when the vault’s TokenRevoked reaches the registry during the call', async () => {
    const account = await activeAccount();
    vault = async (req) => {
      await tokenRevokedApplied(req);
      return { providerRevoked: true };
    };
    await management().disconnect(account, false);
    expect(await announced(account.id)).toEqual([{ by: 'team' }]);
    expect(await load(account.id)).toMatchObject({
      status: 'DISCONNECTED',
      statusReason: 'disconnected_by_team',
    });
    expect(vaultCalls).toEqual([{ connectionId: account.id, teamId, by: 'team' }]);
  });

  it('announces once when several disconnects of one account run at the same time', async () => {
    const account = await activeAccount();
    vault = async (req) => {
      await tokenRevokedApplied(req);
      return { providerRevoked: false };
    };
    await Promise.all(Array.from({ length: 6 }, () => management().disconnect(account, false)));
    expect(await announced(account.id)).toEqual([{ by: 'team' }]);
    expect(vaultCalls).toHaveLength(6);
  });

  it('keeps the announcement when the vault is away, and asks it again on the retry', async () => {
    const account = await activeAccount();
    vault = () =>
      Promise.reject(new CodedError(ErrorCodes.unavailable, 'vault.revoke unavailable'));
    await expect(management().disconnect(account, false)).rejects.toMatchObject({
      code: ErrorCodes.unavailable,
    });
    // the vault acts on the event when it is back; the account is disconnected for the team now
    expect(await announced(account.id)).toEqual([{ by: 'team' }]);
    expect((await load(account.id)).status).toBe('DISCONNECTED');
    vault = () => Promise.resolve({ providerRevoked: false });
    await management().disconnect(await load(account.id), false);
    expect(vaultCalls).toHaveLength(2);
    expect(await announced(account.id)).toEqual([{ by: 'team' }]);
  });

  it('changes nothing and asks no one while the account is on hold', async () => {
    const account = await activeAccount();
    await dataSource.query(
      `INSERT INTO gateway.account_hold (account_id, reason, count) VALUES ($1, 'campaign', 3)`,
      [account.id],
    );
    await expect(management().disconnect(account, false)).rejects.toMatchObject({
      code: 'account-on-hold',
    });
    expect(vaultCalls).toEqual([]);
    expect(await announced(account.id)).toEqual([]);
    expect((await load(account.id)).status).toBe('ACTIVE');
    await management().disconnect(account, true);
    expect(await announced(account.id)).toEqual([{ by: 'team' }]);
    const holds: unknown[] = await dataSource.query(
      `SELECT 1 FROM gateway.account_hold WHERE account_id = $1`,
      [account.id],
    );
    expect(holds).toEqual([]);
  });
});
