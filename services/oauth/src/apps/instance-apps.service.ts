import { Inject, Injectable, Logger } from '@nestjs/common';
import { CodedError, ErrorCodes, VaultAppGet, VaultAppPut } from '@switchboard/contracts';
import { RpcClient, safeRequest, type UrlPolicy } from '@switchboard/platform';
import {
  MASTODON_PATHS,
  mastodonAppRequest,
  mastodonSupportsPkce,
  parseMastodonApp,
  type JsonValue,
} from '@switchboard/providers';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OAUTH_ENV, type OAuthEnv } from '../config';
import { callbackUri } from '../flow/callback-url';
import { checkInstanceUrl } from './instance-url';

export interface InstanceApp {
  appKey: string;
  serverUrl: string;
  clientId: string;
  clientSecret: string;
  pkce: boolean;
}

const CLIENT_NAME = 'Switchboard';

/**
 * The app Switchboard registers on each Mastodon instance (`POST /api/v1/apps`), once, and
 * reuses for every flow to that instance. The instance URL is checked before anything is sent
 * (`checkInstanceUrl`), and every request to it goes through the SSRF-safe client (each hop's
 * addresses judged, redirects re-checked). The client id is kept here; the secret sealed in the
 * vault under the app key.
 */
@Injectable()
export class InstanceAppsService {
  private readonly logger = new Logger('instance-apps');

  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
    @Inject(OAUTH_ENV) private readonly env: OAuthEnv,
  ) {}

  get policy(): UrlPolicy {
    return { allowLoopback: this.env.DEV_MODE };
  }

  /** The app for this instance, registered on first use. */
  async appFor(rawServerUrl: string): Promise<InstanceApp> {
    const serverUrl = await checkInstanceUrl(rawServerUrl, this.policy);
    const appKey = instanceAppKey('MASTODON', serverUrl);
    const known: { app_key: string }[] = await this.dataSource.query(
      `SELECT app_key FROM oauth.app WHERE kind = 'instance' AND type = 'MASTODON' AND server_url = $1`,
      [serverUrl],
    );
    if (known[0]) {
      const app = await this.rpc.call(VaultAppGet, { appKey: known[0].app_key });
      return { appKey: app.appKey, serverUrl, ...pick(app) };
    }
    return this.register(serverUrl, appKey);
  }

  private async register(serverUrl: string, appKey: string): Promise<InstanceApp> {
    const pkce = mastodonSupportsPkce(await this.metadata(serverUrl));
    const body = mastodonAppRequest(
      callbackUri(this.env.PUBLIC_URL, 'MASTODON'),
      CLIENT_NAME,
      this.env.PUBLIC_URL,
    );
    const res = await safeRequest(`${serverUrl}${MASTODON_PATHS.apps}`, {
      ...this.policy,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }).catch(unreachable);
    const credentials = res.status === 200 ? parseMastodonApp(parseJson(res.body)) : null;
    if (!credentials) {
      throw new CodedError(
        'mastodon-registration-failed',
        `the instance refused to register the app (HTTP ${res.status})`,
      );
    }
    await this.rpc.call(VaultAppPut, {
      appKey,
      type: 'MASTODON',
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      serverUrl,
      pkce,
    });
    await this.dataSource.query(
      `INSERT INTO oauth.app (app_key, kind, type, client_id, server_url, pkce)
       VALUES ($1, 'instance', 'MASTODON', $2, $3, $4)
       ON CONFLICT (app_key) DO UPDATE SET client_id = EXCLUDED.client_id, pkce = EXCLUDED.pkce,
         updated_at = now()`,
      [appKey, credentials.clientId, serverUrl, pkce],
    );
    this.logger.log({ msg: 'app registered on a Mastodon instance', serverUrl, pkce });
    return { appKey, serverUrl, pkce, ...credentials };
  }

  /** RFC 8414 metadata (4.3+); null when the instance has none (older servers answer 404). */
  private async metadata(serverUrl: string): Promise<JsonValue | null> {
    const res = await safeRequest(`${serverUrl}${MASTODON_PATHS.metadata}`, {
      ...this.policy,
      headers: { accept: 'application/json' },
    }).catch(unreachable);
    return res.status === 200 ? parseJson(res.body) : null;
  }
}

/** `mastodon-<32 hex>`: stable per instance URL, safe as a rate-budget key. */
export function instanceAppKey(type: string, serverUrl: string): string {
  const digest = createHash('sha256').update(`${type}|${serverUrl}`).digest('hex');
  return `${type.toLowerCase()}-${digest.slice(0, 32)}`;
}

function pick(app: { clientId: string; clientSecret: string; pkce: boolean }) {
  return { clientId: app.clientId, clientSecret: app.clientSecret, pkce: app.pkce };
}

function parseJson(text: string): JsonValue | null {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return null;
  }
}

/** A refused hop (`url-not-allowed`) stays what it is; a network failure says the instance is down. */
function unreachable(error: unknown): never {
  if (error instanceof CodedError) throw error;
  throw new CodedError(ErrorCodes.unavailable, 'the Mastodon instance did not answer');
}
