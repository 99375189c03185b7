import type { ChannelCandidate, ChannelConnection, ChannelSupport, TokenSet } from '../../adapter';
import {
  isJsonObject,
  objectField,
  stringField,
  type JsonObject,
  type JsonValue,
} from '../../json';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import type { OAuth2AdapterDeps } from '../../oauth2/oauth2-adapter';
import type { PlatformDefinition } from '../../platform-definition';
import { ProviderError } from '../../provider-error';
import { GoogleAdapter, googleConfig } from './google-adapter';
import {
  GOOGLE_BUSINESS_DEFAULT_SCOPES,
  GOOGLE_BUSINESS_REQUIRED_SCOPES,
  GOOGLE_ENDPOINTS,
} from './google-endpoints';

const ACCOUNT_NAME = /^accounts\/[A-Za-z0-9_-]{1,64}$/;
const LOCATION_NAME = /^locations\/[A-Za-z0-9_-]{1,64}$/;
/** Fields `locations.list` must be asked for (`readMask` is required by the v1 API). */
const READ_MASK = 'name,title,storefrontAddress,metadata';
const MAX_PAGES = 10;

/**
 * GOOGLE_BUSINESS — a Business Profile location. The grant is a Google account's; its accounts
 * (Account Management API) hold locations (Business Information API, `readMask` with the
 * storefront address). Candidates are `accounts/{a}/locations/{l}` — the full name the v4
 * `localPosts` API needs — with the address as `detail`, so two "Joe's Pizza" can be told apart.
 * Google tokens do not rotate, so several locations may share one grant. None →
 * `google-business-not-enough-locations`.
 */
export class GoogleBusinessAdapter extends GoogleAdapter {
  override readonly channels: ChannelSupport = {
    noChannelsParam: 'google-business-not-enough-locations',
    multiple: true,
    list: (grant) => this.listLocations(grant),
    connect: (grant, channelId) => this.connectLocation(grant, channelId),
  };

  constructor(
    config: OAuth2ProviderConfig,
    deps: OAuth2AdapterDeps,
    private readonly urls: { accounts: string; businessInformation: string },
  ) {
    super(config, deps);
  }

  private async listLocations(grant: TokenSet): Promise<ChannelCandidate[]> {
    const candidates: ChannelCandidate[] = [];
    for (const account of await this.pages(this.urls.accounts, {}, 'accounts', grant)) {
      const accountName = stringField(account, 'name');
      if (accountName === null || !ACCOUNT_NAME.test(accountName)) continue;
      const locations = await this.pages(
        `${this.urls.businessInformation}/${accountName}/locations`,
        { readMask: READ_MASK, pageSize: '100' },
        'locations',
        grant,
      );
      for (const location of locations) {
        const candidate = locationCandidate(accountName, location);
        if (candidate) candidates.push(candidate);
      }
    }
    return candidates;
  }

  private async connectLocation(grant: TokenSet, channelId: string): Promise<ChannelConnection> {
    const location = (await this.listLocations(grant)).find((item) => item.id === channelId);
    if (!location) {
      throw new ProviderError({
        kind: 'permission_lost',
        message:
          'GOOGLE_BUSINESS connect failed: the Google account no longer manages that location',
      });
    }
    const [accountName, locationName] = splitLocationPath(location.id);
    return {
      externalId: location.id,
      displayName: location.name,
      avatarUrl: null,
      tokens: {
        ...grant,
        extra: { ...grant.extra, accountName, locationName, locationPath: location.id },
      },
    };
  }

  /** Every item of a paginated `list` (`pageToken` / `nextPageToken`), at most MAX_PAGES pages. */
  private async pages(
    endpoint: string,
    query: Record<string, string>,
    field: string,
    grant: TokenSet,
  ): Promise<JsonObject[]> {
    const items: JsonObject[] = [];
    let pageToken: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const url = new URL(endpoint);
      for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
      if (pageToken) url.searchParams.set('pageToken', pageToken);
      const body: JsonValue = await this.apiGet(url.toString(), grant.accessToken);
      const list = isJsonObject(body) ? body[field] : undefined;
      if (Array.isArray(list)) items.push(...list.filter(isJsonObject));
      pageToken = stringField(body, 'nextPageToken');
      if (!pageToken) break;
    }
    return items;
  }
}

/** A `locations.list` item → a candidate named `accounts/{a}/locations/{l}`. */
export function locationCandidate(
  accountName: string,
  location: JsonObject,
): ChannelCandidate | null {
  const name = stringField(location, 'name');
  if (name === null || !LOCATION_NAME.test(name)) return null;
  const address = formatAddress(objectField(location, 'storefrontAddress'));
  return {
    id: `${accountName}/${name}`,
    name: stringField(location, 'title') ?? name,
    avatarUrl: null,
    eligible: true,
    detail: address ?? 'Service-area business (no storefront address)',
  };
}

/** A `google.type.PostalAddress` on one line: street, locality, area and postal code, region. */
export function formatAddress(address: JsonObject | null): string | null {
  if (address === null) return null;
  const lines = Array.isArray(address['addressLines'])
    ? address['addressLines'].filter((line): line is string => typeof line === 'string')
    : [];
  const areaAndCode = [
    stringField(address, 'administrativeArea'),
    stringField(address, 'postalCode'),
  ]
    .filter((part): part is string => part !== null)
    .join(' ');
  const parts = [
    ...lines,
    stringField(address, 'sublocality'),
    stringField(address, 'locality'),
    areaAndCode.length > 0 ? areaAndCode : null,
    stringField(address, 'regionCode'),
  ].filter((part): part is string => part !== null && part.trim().length > 0);
  return parts.length > 0 ? parts.join(', ') : null;
}

function splitLocationPath(path: string): [string, string] {
  const index = path.indexOf('/locations/');
  return [path.slice(0, index), path.slice(index + 1)];
}

export const googleBusinessPlatform: PlatformDefinition = {
  type: 'GOOGLE_BUSINESS',
  create: (context) =>
    new GoogleBusinessAdapter(
      googleConfig('GOOGLE_BUSINESS', context.credentials, context.endpoint, {
        required: GOOGLE_BUSINESS_REQUIRED_SCOPES,
        default: GOOGLE_BUSINESS_DEFAULT_SCOPES,
      }),
      context,
      {
        accounts: context.endpoint(GOOGLE_ENDPOINTS.businessAccounts),
        businessInformation: context.endpoint(GOOGLE_ENDPOINTS.businessInformation),
      },
    ),
};
