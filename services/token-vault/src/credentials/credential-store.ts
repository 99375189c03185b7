import { Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { aadOf, Envelope, type Sealed } from '../crypto/envelope';
import type { CredentialRow } from './credential.row';
import { isSecretPayload, SecretPayloadSchema, type SecretPayload } from './secret-payload';

/** Seals and opens credential rows. The only code that turns ciphertext into tokens. */
@Injectable()
export class CredentialStore {
  constructor(private readonly envelope: Envelope) {}

  /** Seals under `kekId` (from `KeyRingService.activeForWrite` inside the writing transaction). */
  seal(
    payload: SecretPayload,
    teamId: string,
    connectionId: string,
    version: number,
    kekId: string,
  ): Sealed {
    const plaintext = Buffer.from(JSON.stringify(SecretPayloadSchema.parse(payload)));
    try {
      return this.envelope.seal(plaintext, aadOf({ teamId, connectionId, version }), kekId);
    } finally {
      plaintext.fill(0);
    }
  }

  /** The tokens, or `decrypt-failed` / `unknown-key-id` / `credential-revoked`; never garbage. */
  open(row: CredentialRow): SecretPayload {
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
      let json: unknown;
      try {
        json = JSON.parse(plaintext.toString('utf8'));
      } catch {
        throw new CodedError(ErrorCodes.decryptFailed, 'credential payload is malformed');
      }
      if (!isSecretPayload(json)) {
        throw new CodedError(ErrorCodes.decryptFailed, 'credential payload is malformed');
      }
      return json;
    } finally {
      plaintext.fill(0);
    }
  }
}
