import { Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { aadOf, Envelope, type Sealed } from '../crypto/envelope';
import { CredentialEntity } from './credential.entity';
import { SecretPayloadSchema, type SecretPayload } from './secret-payload';

/** Reads, seals and opens credential rows. The only code that turns ciphertext into tokens. */
@Injectable()
export class CredentialStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly envelope: Envelope,
  ) {}

  async find(connectionId: string, teamId: string, tx?: EntityManager): Promise<CredentialEntity> {
    const row = await (tx ?? this.dataSource.manager).findOne(CredentialEntity, {
      where: { connectionId, teamId },
    });
    if (!row) throw new CodedError(ErrorCodes.notFound, 'no credential for this connection');
    return row;
  }

  seal(payload: SecretPayload, teamId: string, connectionId: string, version: number): Sealed {
    const plaintext = Buffer.from(JSON.stringify(payload));
    try {
      return this.envelope.seal(plaintext, aadOf({ teamId, connectionId, version }));
    } finally {
      plaintext.fill(0);
    }
  }

  open(row: CredentialEntity): SecretPayload {
    if (!row.kekId || !row.wrappedKey || !row.iv || !row.ciphertext || !row.tag) {
      throw new CodedError(ErrorCodes.credentialRevoked, 'the credential has been destroyed');
    }
    const plaintext = this.envelope.open(
      {
        kekId: row.kekId,
        wrappedKey: row.wrappedKey,
        iv: row.iv,
        ciphertext: row.ciphertext,
        tag: row.tag,
      },
      aadOf({ teamId: row.teamId, connectionId: row.connectionId, version: row.version }),
    );
    try {
      const parsed = SecretPayloadSchema.safeParse(JSON.parse(plaintext.toString('utf8')));
      if (!parsed.success)
        throw new CodedError(ErrorCodes.decryptFailed, 'credential payload is malformed');
      return parsed.data;
    } finally {
      plaintext.fill(0);
    }
  }
}
