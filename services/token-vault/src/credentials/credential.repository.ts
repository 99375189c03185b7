import { Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CREDENTIAL_COLUMNS,
  toCredentialRow,
  type CredentialRecord,
  type CredentialRow,
} from './credential.row';
import { pgPoolOf, type PgPool } from '../pg-pool';

const FIND_SQL = `SELECT ${CREDENTIAL_COLUMNS} FROM token_vault.credential
  WHERE connection_id = $1 AND team_id = $2`;

/**
 * Credential rows with plain SQL. The token read path is the hottest code in the vault: it goes
 * straight to the connection pool with a named prepared statement (parsed and planned once per
 * connection), with no entity hydration and no TypeORM query runner per call.
 */
@Injectable()
export class CredentialRepository {
  private readonly pool: PgPool;

  constructor(private readonly dataSource: DataSource) {
    this.pool = pgPoolOf(dataSource);
  }

  async find(connectionId: string, teamId: string, tx?: EntityManager): Promise<CredentialRow> {
    const rows: CredentialRecord[] = tx
      ? await tx.query(FIND_SQL, [connectionId, teamId])
      : (
          await this.pool.query<CredentialRecord>({
            name: 'vault_credential_find',
            text: FIND_SQL,
            values: [connectionId, teamId],
          })
        ).rows;
    const row = rows[0];
    if (!row) throw new CodedError(ErrorCodes.notFound, 'no credential for this connection');
    return toCredentialRow(row);
  }
}
