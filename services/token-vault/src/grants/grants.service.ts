import { Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  VaultGrantGet,
  VaultGrantPut,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { Envelope, sealedValues } from '../crypto/envelope';
import { z } from 'zod';
import { SecretPayloadSchema } from '../credentials/secret-payload';

interface GrantRow {
  id: string;
  team_id: string;
  version: number;
  kek_id: string | null;
  wrapped_key: Buffer | null;
  iv: Buffer | null;
  ciphertext: Buffer | null;
  tag: Buffer | null;
}

const GrantPayloadSchema = SecretPayloadSchema.extend({
  tokenType: z.string(),
  expiresAt: z.string().nullable(),
  refreshExpiresAt: z.string().nullable(),
  scopes: z.array(z.string()),
});

/** A grant's associated data differs from a credential's, so neither opens as the other. */
function grantAad(teamId: string, grantId: string, version: number): Buffer {
  return Buffer.from(`switchboard:grant:v1|team=${teamId}|grant=${grantId}|ver=${version}`);
}

/** User-level grants behind channel connections; readable only by the oauth service. */
@Injectable()
export class GrantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly envelope: Envelope,
  ) {}

  async put(req: RpcRequest<typeof VaultGrantPut>): Promise<RpcReply<typeof VaultGrantPut>> {
    await this.dataSource.transaction(async (tx) => {
      const existing: { team_id: string; version: number }[] = await tx.query(
        `SELECT team_id, version FROM token_vault.grant WHERE id = $1 FOR UPDATE`,
        [req.grantId],
      );
      if (existing[0] && existing[0].team_id !== req.teamId) {
        throw new CodedError(ErrorCodes.conflict, 'grant belongs to another team');
      }
      const version = (existing[0]?.version ?? 0) + 1;
      const c = req.credential;
      const plaintext = Buffer.from(
        JSON.stringify({
          accessToken: c.accessToken,
          refreshToken: c.refreshToken,
          extra: c.extra,
          tokenType: c.tokenType,
          expiresAt: c.expiresAt,
          refreshExpiresAt: c.refreshExpiresAt,
          scopes: c.scopes,
        }),
      );
      const sealed = this.envelope.seal(plaintext, grantAad(req.teamId, req.grantId, version));
      plaintext.fill(0);
      await tx.query(
        `INSERT INTO token_vault.grant (id, team_id, type, version, kek_id, wrapped_key, iv, ciphertext, tag, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, kek_id = EXCLUDED.kek_id,
           wrapped_key = EXCLUDED.wrapped_key, iv = EXCLUDED.iv, ciphertext = EXCLUDED.ciphertext,
           tag = EXCLUDED.tag, expires_at = EXCLUDED.expires_at, updated_at = now()`,
        [req.grantId, req.teamId, req.type, version, ...sealedValues(sealed), c.expiresAt],
      );
    });
    return { stored: true };
  }

  async get(req: RpcRequest<typeof VaultGrantGet>): Promise<RpcReply<typeof VaultGrantGet>> {
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT id, team_id, version, kek_id, wrapped_key, iv, ciphertext, tag FROM token_vault.grant WHERE id = $1 AND team_id = $2`,
      [req.grantId, req.teamId],
    );
    const row = rows[0];
    if (!row) throw new CodedError(ErrorCodes.notFound, 'no such grant');
    if (!row.kek_id || !row.wrapped_key || !row.iv || !row.ciphertext || !row.tag) {
      throw new CodedError(ErrorCodes.credentialRevoked, 'the grant has been destroyed');
    }
    const plaintext = this.envelope.open(
      {
        kekId: row.kek_id,
        wrappedKey: row.wrapped_key,
        iv: row.iv,
        ciphertext: row.ciphertext,
        tag: row.tag,
      },
      grantAad(row.team_id, row.id, row.version),
    );
    try {
      const parsed = GrantPayloadSchema.safeParse(JSON.parse(plaintext.toString('utf8')));
      if (!parsed.success)
        throw new CodedError(ErrorCodes.decryptFailed, 'grant payload is malformed');
      const g = parsed.data;
      return {
        accessToken: g.accessToken,
        refreshToken: g.refreshToken,
        tokenType: g.tokenType,
        expiresAt: g.expiresAt,
        refreshExpiresAt: g.refreshExpiresAt,
        scopes: g.scopes,
        extra: g.extra,
      };
    } finally {
      plaintext.fill(0);
    }
  }
}
