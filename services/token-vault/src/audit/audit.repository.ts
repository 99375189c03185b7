import { Injectable } from '@nestjs/common';
import type {
  DecryptAuditEntry,
  RpcReply,
  RpcRequest,
  VaultAuditList,
} from '@switchboard/contracts';
import { DataSource } from 'typeorm';

interface AuditRecord {
  id: string;
  at: Date;
  caller: string;
  purpose: string;
  connection_id: string;
  team_id: string;
  credential_version: number;
  trace_id: string | null;
}

/** Reads the decrypt audit, newest first, with an id cursor. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(req: RpcRequest<typeof VaultAuditList>): Promise<RpcReply<typeof VaultAuditList>> {
    const rows: AuditRecord[] = await this.dataSource.query(
      `SELECT id, at, caller, purpose, connection_id, team_id, credential_version, trace_id
         FROM token_vault.decrypt_audit
        WHERE ($1::uuid IS NULL OR team_id = $1) AND ($2::uuid IS NULL OR connection_id = $2)
          AND ($3::bigint IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4`,
      [req.teamId, req.connectionId, req.cursor, req.limit + 1],
    );
    const page = rows.slice(0, req.limit);
    const items: DecryptAuditEntry[] = page.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      caller: r.caller,
      purpose: r.purpose,
      connectionId: r.connection_id,
      teamId: r.team_id,
      credentialVersion: r.credential_version,
      traceId: r.trace_id,
    }));
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > req.limit && last ? String(last.id) : null };
  }
}
