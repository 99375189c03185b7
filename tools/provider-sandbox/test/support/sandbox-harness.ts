import { createHash, randomBytes } from 'node:crypto';

import { startSandbox, type RunningSandbox } from '../../src';

export interface PlatformUnderTest {
  readonly type: 'GENERIC' | 'TWITTER';
  readonly authorize: string;
  readonly token: string;
  readonly revoke: string;
  readonly userInfo: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
}

export const GENERIC: PlatformUnderTest = {
  type: 'GENERIC',
  authorize: '/generic/oauth/authorize',
  token: '/generic/oauth/token',
  revoke: '/generic/oauth/revoke',
  userInfo: '/generic/userinfo',
  clientId: 'sandbox-generic-client',
  clientSecret: 'sandbox-generic-secret',
  scope: 'profile email',
};

export const TWITTER: PlatformUnderTest = {
  type: 'TWITTER',
  authorize: '/twitter/i/oauth2/authorize',
  token: '/twitter/2/oauth2/token',
  revoke: '/twitter/2/oauth2/revoke',
  userInfo: '/twitter/2/users/me',
  clientId: 'sandbox-twitter-client',
  clientSecret: 'sandbox-twitter-secret',
  scope: 'tweet.read users.read offline.access',
};

export const REDIRECT_URI = 'http://localhost:3999/callback';

export interface TokenBody {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly refresh_token?: string;
  readonly refresh_token_expires_in?: number;
  readonly scope: string;
}

export interface ErrorBody {
  readonly error: string;
  readonly error_description?: string;
}

export interface JsonResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
}

export function pkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function basicAuth(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}

/** One in-process sandbox for a test file, with helpers that speak to it like a client would. */
export class SandboxHarness {
  private constructor(private readonly sandbox: RunningSandbox) {}

  static async start(): Promise<SandboxHarness> {
    return new SandboxHarness(await startSandbox({ port: 0, smtpPort: 0 }));
  }

  get url(): string {
    return this.sandbox.url;
  }

  get smtpPort(): number {
    return this.sandbox.smtpPort;
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }

  async control<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<JsonResponse<T>> {
    const res = await fetch(`${this.url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as T };
  }

  async reset(): Promise<void> {
    await this.control('POST', '/reset');
  }

  authorizeUrl(platform: PlatformUnderTest, params: Record<string, string>): string {
    const url = new URL(`${this.url}${platform.authorize}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** The standard authorization request parameters, overridable one by one. */
  authorizeParams(
    platform: PlatformUnderTest,
    pkce: PkcePair,
    extra: Record<string, string> = {},
  ): Record<string, string> {
    return {
      response_type: 'code',
      client_id: platform.clientId,
      redirect_uri: REDIRECT_URI,
      scope: platform.scope,
      state: 'state-123',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      ...extra,
    };
  }

  async authorize(platform: PlatformUnderTest, params: Record<string, string>): Promise<Response> {
    return fetch(this.authorizeUrl(platform, params), { redirect: 'manual' });
  }

  /** Approves as `user` and returns the code from the redirect. */
  async approve(
    platform: PlatformUnderTest,
    pkce: PkcePair,
    user = 'alice',
    extra: Record<string, string> = {},
  ): Promise<string> {
    const res = await this.authorize(
      platform,
      this.authorizeParams(platform, pkce, {
        sandbox_user: user,
        sandbox_action: 'approve',
        ...extra,
      }),
    );
    const location = res.headers.get('location');
    const code = location === null ? null : new URL(location).searchParams.get('code');
    if (res.status !== 302 || code === null)
      throw new Error(`approve failed: ${res.status} ${location}`);
    return code;
  }

  async postForm<T>(
    path: string,
    form: Record<string, string>,
    authorization?: string,
  ): Promise<JsonResponse<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: new URLSearchParams(form).toString(),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text === '' ? {} : JSON.parse(text)) as T,
    };
  }

  exchangeCode(
    platform: PlatformUnderTest,
    code: string,
    verifier: string,
  ): Promise<JsonResponse<TokenBody & ErrorBody>> {
    return this.postForm(
      platform.token,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      },
      basicAuth(platform.clientId, platform.clientSecret),
    );
  }

  refresh(
    platform: PlatformUnderTest,
    refreshToken: string,
  ): Promise<JsonResponse<TokenBody & ErrorBody>> {
    return this.postForm(
      platform.token,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      basicAuth(platform.clientId, platform.clientSecret),
    );
  }

  /** Authorize + code exchange: a freshly connected account's tokens. */
  async connect(platform: PlatformUnderTest, user = 'alice'): Promise<TokenBody> {
    const pkce = pkcePair();
    const code = await this.approve(platform, pkce, user);
    const res = await this.exchangeCode(platform, code, pkce.verifier);
    if (res.status !== 200)
      throw new Error(`exchange failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async userInfo(platform: PlatformUnderTest, accessToken: string): Promise<JsonResponse<unknown>> {
    const res = await fetch(`${this.url}${platform.userInfo}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
  }
}
