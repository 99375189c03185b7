import { Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  VaultAppGet,
  VaultAppPut,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { Envelope, sealedValues } from '../crypto/envelope';
import { KeyRingService } from '../keys/key-ring.service';

export interface AppCredentials {
  appKey: string;
  type: string;
  clientId: string;
  clientSecret: string;
  serverUrl: string | null;
  pkce: boolean;
}

interface AppSecretRow {
  app_key: string;
  type: string;
  client_id: string;
  server_url: string | null;
  pkce: boolean;
  version: number;
  kek_id: string | null;
  wrapped_key: Buffer | null;
  iv: Buffer | null;
  ciphertext: Buffer | null;
  tag: Buffer | null;
}

/** An app secret's associated data: it opens only as this app, at this version. */
function appAad(appKey: string, version: number): Buffer {
  return Buffer.from(`switchboard:app:v1|app=${appKey}|ver=${version}`);
}

/**
 * Client secrets of developer apps other than the deployment's, envelope-sealed under the key
 * ring like tokens (rotated and re-wrapped with them). A new secret for the same app key replaces
 * the old one (the provider rotated it); the client id is stored beside it in the clear.
 */
@Injectable()
export class AppSecretsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly envelope: Envelope,
    private readonly keyRing: KeyRingService,
  ) {}

  async put(req: RpcRequest<typeof VaultAppPut>): Promise<RpcReply<typeof VaultAppPut>> {
    return this.dataSource.transaction(async (tx) => {
      const existing: { type: string; version: number }[] = await tx.query(
        `SELECT type, version FROM token_vault.app_secret WHERE app_key = $1 FOR UPDATE`,
        [req.appKey],
      );
      if (existing[0] && existing[0].type !== req.type) {
        throw new CodedError(ErrorCodes.conflict, 'that app key belongs to another platform');
      }
      const version = (existing[0]?.version ?? 0) + 1;
      const kekId = await this.keyRing.activeForWrite(tx);
      const plaintext = Buffer.from(req.clientSecret, 'utf8');
      const sealed = this.envelope.seal(plaintext, appAad(req.appKey, version), kekId);
      plaintext.fill(0);
      await tx.query(
        `INSERT INTO token_vault.app_secret (app_key, type, client_id, server_url, pkce, version,
           kek_id, wrapped_key, iv, ciphertext, tag)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (app_key) DO UPDATE SET client_id = EXCLUDED.client_id,
           server_url = EXCLUDED.server_url, pkce = EXCLUDED.pkce, version = EXCLUDED.version,
           kek_id = EXCLUDED.kek_id, wrapped_key = EXCLUDED.wrapped_key, iv = EXCLUDED.iv,
           ciphertext = EXCLUDED.ciphertext, tag = EXCLUDED.tag, updated_at = now()`,
        [
          req.appKey,
          req.type,
          req.clientId,
          req.serverUrl,
          req.pkce,
          version,
          ...sealedValues(sealed),
        ],
      );
      return { appKey: req.appKey, version };
    });
  }

  async get(req: RpcRequest<typeof VaultAppGet>): Promise<RpcReply<typeof VaultAppGet>> {
    const app = await this.find(req.appKey);
    if (!app) throw new CodedError(ErrorCodes.notFound, 'no such app');
    return {
      appKey: app.appKey,
      type: app.type as RpcReply<typeof VaultAppGet>['type'],
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      serverUrl: app.serverUrl,
      pkce: app.pkce,
    };
  }

  /** The app's credentials, opened; null when the key is unknown. */
  async find(appKey: string): Promise<AppCredentials | null> {
    const rows: AppSecretRow[] = await this.dataSource.query(
      `SELECT app_key, type, client_id, server_url, pkce, version, kek_id, wrapped_key, iv,
              ciphertext, tag
         FROM token_vault.app_secret WHERE app_key = $1`,
      [appKey],
    );
    const row = rows[0];
    if (!row) return null;
    if (!row.kek_id || !row.wrapped_key || !row.iv || !row.ciphertext || !row.tag) {
      throw new CodedError(ErrorCodes.credentialRevoked, 'the app secret has been destroyed');
    }
    const plaintext = this.envelope.open(
      {
        kekId: row.kek_id,
        wrappedKey: row.wrapped_key,
        iv: row.iv,
        ciphertext: row.ciphertext,
        tag: row.tag,
      },
      appAad(row.app_key, row.version),
    );
    try {
      return {
        appKey: row.app_key,
        type: row.type,
        clientId: row.client_id,
        clientSecret: plaintext.toString('utf8'),
        serverUrl: row.server_url,
        pkce: row.pkce,
      };
    } finally {
      plaintext.fill(0);
    }
  }
}
