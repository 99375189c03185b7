export interface SandboxClient {
  readonly clientId: string;
  /** `null` for a public client, which authenticates with its client_id alone. */
  readonly clientSecret: string | null;
  /** `null` accepts any absolute http(s) redirect URI. */
  readonly redirectUris: readonly string[] | null;
}

export interface ClientRegistration {
  readonly clientId: string;
  readonly public: boolean;
  readonly redirectUris: readonly string[] | null;
}

const CLIENT_ID_PREFIX = 'sandbox-';

export function defaultClientId(type: string): string {
  return `${CLIENT_ID_PREFIX}${type.toLowerCase()}-client`;
}

export function defaultClientSecret(type: string): string {
  return `${CLIENT_ID_PREFIX}${type.toLowerCase()}-secret`;
}

/**
 * Every platform knows its own sandbox client; any other `sandbox-…` id or a registered id is a
 * team's "own app" whose secret is `<client_id>-secret`.
 */
export class ClientRegistry {
  private readonly registered = new Map<string, ClientRegistration>();

  register(registration: ClientRegistration): SandboxClient {
    this.registered.set(registration.clientId, registration);
    return this.toClient(registration);
  }

  find(type: string, clientId: string): SandboxClient | undefined {
    const registration = this.registered.get(clientId);
    if (registration !== undefined) return this.toClient(registration);
    if (clientId === defaultClientId(type)) {
      return { clientId, clientSecret: defaultClientSecret(type), redirectUris: null };
    }
    if (clientId.startsWith(CLIENT_ID_PREFIX) && clientId.length > CLIENT_ID_PREFIX.length) {
      return { clientId, clientSecret: `${clientId}-secret`, redirectUris: null };
    }
    return undefined;
  }

  reset(): void {
    this.registered.clear();
  }

  private toClient(registration: ClientRegistration): SandboxClient {
    return {
      clientId: registration.clientId,
      clientSecret: registration.public ? null : `${registration.clientId}-secret`,
      redirectUris: registration.redirectUris,
    };
  }
}
