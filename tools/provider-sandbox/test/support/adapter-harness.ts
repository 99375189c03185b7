import type { PlatformType } from '@switchboard/contracts';
import {
  createProviderRegistry,
  generatePkce,
  isProviderError,
  randomState,
  type ProviderAdapter,
  type ProviderError,
  type TokenSet,
} from '@switchboard/providers';

import { startSandbox, type RunningSandbox } from '../../src';

export const ADAPTER_REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback';

/** What the platform's redirect back to Switchboard carried. */
export interface AuthorizationResponse {
  readonly code: string | null;
  readonly error: string | null;
  readonly state: string | null;
  readonly iss: string | null;
  /** The PKCE verifier of the flow (null when the platform takes none). */
  readonly verifier: string | null;
}

/**
 * An in-process sandbox and the real adapters of `@switchboard/providers` pointed at it through
 * `SANDBOX_URL`, driving the consent screen with `sandbox_user` / `sandbox_action`.
 */
export class AdapterHarness {
  private constructor(private readonly sandbox: RunningSandbox) {}

  static async start(): Promise<AdapterHarness> {
    return new AdapterHarness(await startSandbox({ port: 0, smtpPort: 0 }));
  }

  get url(): string {
    return this.sandbox.url;
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }

  /** An adapter with the deployment's (sandbox) credentials; a short timeout for `timeout` faults. */
  adapter(type: PlatformType, fetchTimeoutMs = 2_000): ProviderAdapter {
    return createProviderRegistry({ env: { SANDBOX_URL: this.url }, fetchTimeoutMs }).get(type);
  }

  async control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`/_sandbox${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  reset(): Promise<unknown> {
    return this.control('POST', '/reset');
  }

  fail(type: PlatformType, kind: string, count = 1, retryAfterSeconds?: number): Promise<unknown> {
    return this.control('POST', '/fail', {
      type,
      kind,
      count,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
  }

  /** Opens the adapter's authorization URL as `user` and reads the redirect back. */
  async authorize(
    adapter: ProviderAdapter,
    user: string,
    action = 'approve',
    scopes: readonly string[] = adapter.defaultScopes(),
  ): Promise<AuthorizationResponse> {
    const pkce = adapter.pkce === 'S256' ? generatePkce() : null;
    const state = randomState();
    const url = new URL(
      adapter.authorizationUrl({
        state,
        redirectUri: ADAPTER_REDIRECT_URI,
        scopes,
        codeChallenge: pkce?.challenge ?? null,
      }),
    );
    url.searchParams.set('sandbox_user', user);
    url.searchParams.set('sandbox_action', action);
    const res = await fetch(url, { redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status !== 302 || location === null) {
      throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
    }
    const back = new URL(location);
    expect(`${back.origin}${back.pathname}`).toBe(ADAPTER_REDIRECT_URI);
    return {
      code: back.searchParams.get('code'),
      error: back.searchParams.get('error'),
      state: back.searchParams.get('state'),
      iss: back.searchParams.get('iss'),
      verifier: pkce?.verifier ?? null,
    };
  }

  /** Consent + code exchange: the grant a callback would hold. */
  async connect(adapter: ProviderAdapter, user: string, action = 'approve'): Promise<TokenSet> {
    const response = await this.authorize(adapter, user, action);
    if (response.code === null) throw new Error(`no code: ${response.error}`);
    return adapter.exchangeCode({
      code: response.code,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: response.verifier,
      requestedScopes: adapter.defaultScopes(),
    });
  }
}

/** The ProviderError a promise rejects with (fails the test when it resolves). */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (isProviderError(error)) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}
