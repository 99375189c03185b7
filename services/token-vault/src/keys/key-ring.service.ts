import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  VaultErrorCodes,
  type KeyStatus,
  type RpcReply,
  type VaultKeysRetire,
  type VaultKeysRotate,
  type VaultKeysStatus,
} from '@switchboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { VAULT_ENV, type VaultEnv } from '../config';
import { KEY_PROVIDER } from '../crypto/crypto.provider';
import { Envelope } from '../crypto/envelope';
import type { KeyProvider } from '../crypto/keyring';
import { KeyRingRepository } from './key-ring.repository';
import { registerKeyUsage } from './keys.metrics';
import { SealedTables } from './sealed-tables';

/**
 * The key ring as every replica sees it: the active key (for all new writes) and the keys kept
 * only to decrypt, in `token_vault.key_ring`; key material from the `KeyProvider`. A rotation
 * takes effect for every write at once: writes share-lock the active row inside their transaction
 * (`activeForWrite`), and a rotation's update of that row waits for them.
 */
@Injectable()
export class KeyRingService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('key-ring');
  private poller?: NodeJS.Timeout;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: KeyRingRepository,
    private readonly sealed: SealedTables,
    private readonly envelope: Envelope,
    @Inject(KEY_PROVIDER) private readonly keys: KeyProvider,
    @Inject(VAULT_ENV) private readonly env: VaultEnv,
  ) {}

  async onModuleInit(): Promise<void> {
    const active = await this.reconcile();
    if (!this.keys.has(active)) {
      throw new Error(
        `the active key-encryption key ${active} is not in the keyring file; add it to the file`,
      );
    }
    this.envelope.useActiveKey(active);
    this.logger.log({ msg: 'key ring ready', activeKeyId: active, keyring: this.keys.ids() });
    this.poller = setInterval(() => void this.follow(), this.env.VAULT_KEYRING_POLL_MS);
    this.poller.unref();
    registerKeyUsage(() => this.usageForMetrics());
  }

  onModuleDestroy(): void {
    clearInterval(this.poller);
  }

  /** Called when the active key changes (the re-wrap job wakes up). */
  onRotation(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** The active key id, share-locked for the rest of `tx`: seal what `tx` writes under it. */
  /** The key this replica seals with, as last seen; `activeForWrite` is the checked one. */
  get activeKeyId(): string {
    return this.envelope.activeKeyId;
  }

  async activeForWrite(tx: EntityManager): Promise<string> {
    const id = await this.repo.activeIdForShare(tx);
    if (!id) throw new CodedError(ErrorCodes.unavailable, 'no active key-encryption key');
    if (id !== this.envelope.activeKeyId) this.adopt(id);
    return id;
  }

  async rotate(keyId: string | null): Promise<RpcReply<typeof VaultKeysRotate>> {
    await this.keys.reload();
    const target = keyId ?? this.keys.proposedActiveId();
    if (!this.keys.has(target)) {
      throw new CodedError(
        VaultErrorCodes.unknownKeyId,
        `key ${target} is not in this replica's keyring file; add it to the Secret first`,
      );
    }
    const previous = await this.dataSource.transaction(async (tx) => {
      const ring = await this.repo.all(tx, true);
      const current = ring.find((k) => k.state === 'active')?.kekId ?? null;
      if (ring.find((k) => k.kekId === target)?.state === 'retired') {
        throw new CodedError(VaultErrorCodes.keyRetired, `key ${target} is retired`);
      }
      if (current !== target) await this.repo.activate(tx, target);
      return current;
    });
    this.adopt(target);
    if (previous !== target) {
      this.logger.log({ msg: 'key rotated', activeKeyId: target, previousKeyId: previous });
    }
    const usage = await this.sealed.usage();
    return {
      activeKeyId: target,
      previousKeyId: previous === target ? null : previous,
      rewrapRemaining: remaining(usage, target),
    };
  }

  async retire(keyId: string): Promise<RpcReply<typeof VaultKeysRetire>> {
    return this.dataSource.transaction(async (tx) => {
      const ring = await this.repo.all(tx, true);
      const key = ring.find((k) => k.kekId === keyId);
      if (!key) throw new CodedError(VaultErrorCodes.unknownKeyId, `key ${keyId} is unknown`);
      if (key.state === 'active') {
        throw new CodedError(VaultErrorCodes.keyActive, `key ${keyId} is active; rotate first`);
      }
      if (key.state === 'retired') return { keyId, retiredAt: key.retiredAt!.toISOString() };
      // a replica that has not seen the rotation yet may still seal under it for one poll period
      const settleMs = 2 * this.env.VAULT_KEYRING_POLL_MS;
      if (key.deactivatedAt && Date.now() - key.deactivatedAt.getTime() < settleMs) {
        throw new CodedError(
          VaultErrorCodes.keyInUse,
          `key ${keyId} was active until moments ago; try again in ${Math.ceil(settleMs / 1000)} s`,
        );
      }
      const inUse = await this.sealed.usageOf(keyId, tx);
      if (inUse > 0) {
        throw new CodedError(
          VaultErrorCodes.keyInUse,
          `key ${keyId} still wraps ${inUse} sealed item(s); wait for the re-wrap job`,
        );
      }
      const retiredAt = await this.repo.retire(tx, keyId);
      this.logger.log({ msg: 'key retired', kekId: keyId });
      return { keyId, retiredAt: retiredAt.toISOString() };
    });
  }

  async status(): Promise<RpcReply<typeof VaultKeysStatus>> {
    const [ring, usage] = await Promise.all([this.repo.all(), this.sealed.usage()]);
    const ids = new Set([...ring.map((k) => k.kekId), ...usage.keys()]);
    const byId = new Map(ring.map((k) => [k.kekId, k]));
    const keys: KeyStatus[] = [...ids].map((id) => {
      const k = byId.get(id);
      return {
        id,
        // a key id found only in data (written outside the key ring) counts as decrypt-only
        state: k?.state ?? 'decrypt_only',
        sealedItems: usage.get(id) ?? 0,
        inKeyring: this.keys.has(id),
        createdAt: (k?.createdAt ?? new Date()).toISOString(),
        activatedAt: k?.activatedAt?.toISOString() ?? null,
        retiredAt: k?.retiredAt?.toISOString() ?? null,
      };
    });
    const activeKeyId = ring.find((k) => k.state === 'active')?.kekId ?? this.envelope.activeKeyId;
    return { activeKeyId, keys, rewrapRemaining: remaining(usage, activeKeyId) };
  }

  /**
   * First start (or first start after this table existed): every key id already used by sealed
   * data is recorded, and the keyring file's `activeKeyId` becomes active. Later starts change
   * nothing: which key is active is only ever changed by `rotate`.
   */
  private async reconcile(): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('token_vault.key_ring'))`);
      const current = await this.repo.activeId(tx);
      if (current) return current;
      const used = await this.sealed.usage(tx);
      await this.repo.addDecryptOnly(tx, [...used.keys()]);
      const proposed = this.keys.proposedActiveId();
      const ring = await this.repo.all(tx);
      if (ring.find((k) => k.kekId === proposed)?.state === 'retired') {
        throw new Error(`the keyring file's activeKeyId ${proposed} is retired`);
      }
      await this.repo.activate(tx, proposed);
      return proposed;
    });
  }

  /** Follows a rotation made by another replica. */
  private async follow(): Promise<void> {
    try {
      const active = await this.repo.activeId();
      if (active && active !== this.envelope.activeKeyId) this.adopt(active);
    } catch (error) {
      this.logger.warn({ msg: 'could not read the key ring', err: error });
    }
  }

  private adopt(kekId: string): void {
    try {
      this.envelope.useActiveKey(kekId);
    } catch (error) {
      // the Secret has not reached this replica yet: writes fail with unknown-key-id until it does
      this.logger.error({ msg: 'the active key is not in this replica keyring', kekId });
      throw error;
    }
    for (const listener of this.listeners) listener();
  }

  private async usageForMetrics(): Promise<{ kekId: string; state: string; items: number }[]> {
    const [ring, usage] = await Promise.all([this.repo.all(), this.sealed.usage()]);
    const state = new Map(ring.map((k) => [k.kekId, k.state as string]));
    const ids = new Set([...state.keys(), ...usage.keys()]);
    return [...ids].map((kekId) => ({
      kekId,
      state: state.get(kekId) ?? 'decrypt_only',
      items: usage.get(kekId) ?? 0,
    }));
  }
}

function remaining(usage: Map<string, number>, activeKeyId: string): number {
  let n = 0;
  for (const [id, count] of usage) if (id !== activeKeyId) n += count;
  return n;
}
