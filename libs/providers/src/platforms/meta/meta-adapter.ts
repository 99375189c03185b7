import type { PushRevocationSupport } from '../../adapter';
import type { HttpResponse } from '../../http';
import { isJsonObject, type JsonValue } from '../../json';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import { OAuth2Adapter, type OAuth2AdapterDeps } from '../../oauth2/oauth2-adapter';
import { ProviderError, type ProviderOperation } from '../../provider-error';
import { classifyGraphResponse } from './graph-error';
import { parseSignedRequest, SignedRequestError } from './signed-request';

/**
 * What the four Meta adapters share: Graph-style calls (parameters in the query string, as Meta
 * documents every one of these endpoints) and Meta's error envelopes and rate-limit headers.
 */
export class MetaAdapter extends OAuth2Adapter {
  /** Meta's deauthorize and data-deletion callbacks: a `signed_request` signed with the app secret. */
  override readonly pushRevocation: PushRevocationSupport = {
    verify: (payload) => verifyMetaCallback(this.type, payload, this.config.clientSecret),
  };

  constructor(
    config: OAuth2ProviderConfig,
    deps: OAuth2AdapterDeps,
    /** The platform's URL for one of its real endpoint URLs (sandbox, `<TYPE>_BASE_URL`). */
    protected readonly endpoint: (realUrl: string) => string,
  ) {
    super(config, deps);
  }

  /** A GET to a Graph-style endpoint; the JSON of a 2xx answer, else the classified error. */
  protected async graphGet(
    operation: ProviderOperation,
    url: string,
    params: Readonly<Record<string, string>>,
    secrets: readonly string[],
  ): Promise<JsonValue> {
    const response = await this.deps.http.request({
      provider: this.type,
      operation,
      method: 'GET',
      url: withParams(url, params),
    });
    return this.successBody(response, operation, secrets);
  }

  protected async graphDelete(
    operation: ProviderOperation,
    url: string,
    params: Readonly<Record<string, string>>,
    secrets: readonly string[],
  ): Promise<JsonValue> {
    const response = await this.deps.http.request({
      provider: this.type,
      operation,
      method: 'DELETE',
      url: withParams(url, params),
    });
    return this.successBody(response, operation, secrets);
  }

  /** A form POST (the Instagram and Threads code exchanges). */
  protected async formPost(
    operation: ProviderOperation,
    url: string,
    form: Readonly<Record<string, string>>,
    secrets: readonly string[],
  ): Promise<JsonValue> {
    const response = await this.deps.http.request({
      provider: this.type,
      operation,
      method: 'POST',
      url,
      body: { form: { ...form } },
    });
    return this.successBody(response, operation, secrets);
  }

  protected override successBody(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): JsonValue {
    const body = response.body.kind === 'json' ? response.body.value : null;
    // Meta's envelopes, even on the odd 200.
    if (
      isJsonObject(body) &&
      (isJsonObject(body['error']) || typeof body['error_type'] === 'string')
    ) {
      throw this.classify(response, operation, secrets);
    }
    return super.successBody(response, operation, secrets);
  }

  protected override classify(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): ProviderError {
    return classifyGraphResponse(response, {
      provider: this.type,
      operation,
      now: this.deps.clock.now(),
      secrets: [...secrets, this.config.clientSecret].filter((secret) => secret.length > 0),
      override: this.config.classifyError,
    });
  }

  protected get clientId(): string {
    return this.config.clientId;
  }

  protected get clientSecret(): string {
    return this.config.clientSecret;
  }
}

/** `url` with `params` added to its query (values percent-encoded by URLSearchParams). */
export function withParams(url: string, params: Readonly<Record<string, string>>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) parsed.searchParams.set(key, value);
  return parsed.toString();
}

/**
 * Who withdrew access, from a Meta callback's `signed_request`: verified with the app secret
 * (`parseSignedRequest`), refused as `invalid_request` when malformed, tampered with or nameless.
 */
export function verifyMetaCallback(
  type: string,
  signedRequest: string,
  appSecret: string,
): { platformUserId: string } {
  try {
    const { userId } = parseSignedRequest(signedRequest, appSecret);
    if (userId === null) {
      throw new SignedRequestError('malformed', 'the signed request names no user_id');
    }
    return { platformUserId: userId };
  } catch (error) {
    if (!(error instanceof SignedRequestError)) throw error;
    throw new ProviderError({
      kind: 'invalid_request',
      providerCode: error.problem,
      message: `${type} callback refused: ${error.message}`,
    });
  }
}
