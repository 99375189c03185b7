import { Client } from 'pg';
import { aadOf, Envelope } from '../../services/token-vault/src/crypto/envelope';
import { FileKeyring } from '../../services/token-vault/src/crypto/keyring';

/**
 * Gathers every secret that crossed the system during a test — codes, states, PKCE verifiers,
 * launch tokens, cookies, and each generation of access and refresh tokens (read back from the
 * vault with the test's own keyring) — so the logs can be searched for them.
 */
export class SecretCollector {
  private readonly secrets = new Set<string>();
  private readonly envelope: Envelope;

  constructor(
    private readonly databaseUrl: string,
    keyringFile: string,
  ) {
    this.envelope = new Envelope(FileKeyring.fromFile(keyringFile));
  }

  add(...values: (string | null | undefined)[]): void {
    for (const v of values) if (v && v.length >= 8) this.secrets.add(v);
  }

  fromUrl(url: string): void {
    const u = new URL(url);
    for (const key of ['code', 'state', 'token', 'code_challenge'])
      this.add(u.searchParams.get(key));
  }

  /** PKCE verifiers of flows that are waiting at the provider. */
  async pendingVerifiers(): Promise<void> {
    await this.query<{ code_verifier: string | null }>(
      `SELECT code_verifier FROM oauth.flow WHERE code_verifier IS NOT NULL`,
      (r) => this.add(r.code_verifier),
    );
  }

  /** The tokens the vault holds right now, decrypted with the test's keyring. */
  async vaultTokens(): Promise<void> {
    await this.query<{
      connection_id: string;
      team_id: string;
      version: number;
      kek_id: string | null;
      wrapped_key: Buffer | null;
      iv: Buffer | null;
      ciphertext: Buffer | null;
      tag: Buffer | null;
    }>(
      `SELECT connection_id, team_id, version, kek_id, wrapped_key, iv, ciphertext, tag FROM token_vault.credential`,
      (r) => {
        if (!r.kek_id || !r.wrapped_key || !r.iv || !r.ciphertext || !r.tag) return;
        const plain = this.envelope.open(
          {
            kekId: r.kek_id,
            wrappedKey: r.wrapped_key,
            iv: r.iv,
            ciphertext: r.ciphertext,
            tag: r.tag,
          },
          aadOf({ teamId: r.team_id, connectionId: r.connection_id, version: r.version }),
        );
        const payload = JSON.parse(plain.toString('utf8')) as {
          accessToken: string;
          refreshToken: string | null;
        };
        this.add(payload.accessToken, payload.refreshToken);
      },
    );
  }

  list(): string[] {
    return [...this.secrets];
  }

  get size(): number {
    return this.secrets.size;
  }

  private async query<R>(sql: string, each: (row: R) => void): Promise<void> {
    const db = new Client({ connectionString: this.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<R & Record<string, unknown>>(sql);
      rows.forEach(each);
    } finally {
      await db.end();
    }
  }
}
