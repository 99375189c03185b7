import type { ChannelCandidate, ChannelConnection, ChannelSupport, TokenSet } from '../../adapter';
import { isJsonObject, objectField, stringField, type JsonValue } from '../../json';
import type { OAuth2AdapterDeps } from '../../oauth2/oauth2-adapter';
import type { PlatformDefinition } from '../../platform-definition';
import { isProviderError, ProviderError } from '../../provider-error';
import { LinkedInAdapter, linkedInConfig } from './linkedin-adapter';
import {
  LINKEDIN_ENDPOINTS,
  LINKEDIN_PAGE_DEFAULT_SCOPES,
  LINKEDIN_PAGE_REQUIRED_SCOPES,
} from './linkedin-endpoints';

const ORGANIZATION_URN = /^urn:li:organization:(\d{1,20})$/;
const PAGE_SIZE = 50;
/** A member administering more than 500 organizations is not a person choosing a Page. */
const MAX_PAGES = 10;

/** An organization the member administers, as LinkedIn describes it. */
interface Organization {
  urn: string;
  id: string;
  name: string;
  vanityName: string | null;
  logoUrl: string | null;
}

/**
 * LINKEDIN_PAGE — a company page through the Community Management API (its own LinkedIn app).
 * The grant is the member's; the channels are the organizations whose `ADMINISTRATOR` the member
 * is (`organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED`), named and given a
 * logo through `organizations/{id}` and `images/{urn}`. The connection stores the member's
 * token with the organization's URN and id in `extra`; LinkedIn tokens do not rotate, so several
 * organizations may share one grant.
 */
export class LinkedInPageAdapter extends LinkedInAdapter {
  override readonly channels: ChannelSupport = {
    noChannelsParam: 'linkedin-page-not-enough-channels',
    multiple: true,
    list: (grant) => this.listOrganizations(grant),
    connect: (grant, channelId) => this.connectOrganization(grant, channelId),
  };

  constructor(
    config: ConstructorParameters<typeof LinkedInAdapter>[0],
    deps: OAuth2AdapterDeps,
    private readonly urls: { acls: string; organizations: string; images: string },
  ) {
    super(config, deps);
  }

  private async listOrganizations(grant: TokenSet): Promise<ChannelCandidate[]> {
    const organizations = await this.administeredOrganizations(grant.accessToken);
    return organizations.map((organization) => ({
      id: organization.urn,
      name: organization.name,
      avatarUrl: organization.logoUrl,
      eligible: true,
      detail: organization.vanityName
        ? `linkedin.com/company/${organization.vanityName} · Administrator`
        : 'Administrator',
    }));
  }

  private async connectOrganization(grant: TokenSet, urn: string): Promise<ChannelConnection> {
    const organization = (await this.administeredOrganizations(grant.accessToken)).find(
      (candidate) => candidate.urn === urn,
    );
    if (!organization) {
      throw new ProviderError({
        kind: 'permission_lost',
        message:
          'LINKEDIN_PAGE connect failed: the member is not an approved ADMINISTRATOR of that organization',
      });
    }
    return {
      externalId: organization.urn,
      displayName: organization.name,
      avatarUrl: organization.logoUrl,
      tokens: {
        ...grant,
        extra: {
          ...grant.extra,
          organizationUrn: organization.urn,
          organizationId: organization.id,
        },
      },
    };
  }

  private async administeredOrganizations(accessToken: string): Promise<Organization[]> {
    const urns: string[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const url = new URL(this.urls.acls);
      url.searchParams.set('q', 'roleAssignee');
      url.searchParams.set('role', 'ADMINISTRATOR');
      url.searchParams.set('state', 'APPROVED');
      url.searchParams.set('start', String(page * PAGE_SIZE));
      url.searchParams.set('count', String(PAGE_SIZE));
      const body = await this.restGet(url.toString(), accessToken);
      const elements = arrayField(body, 'elements');
      for (const element of elements) {
        const urn = stringField(element, 'organization');
        const approvedAdmin =
          stringField(element, 'role') === 'ADMINISTRATOR' &&
          stringField(element, 'state') === 'APPROVED';
        if (urn && approvedAdmin && ORGANIZATION_URN.test(urn) && !urns.includes(urn)) {
          urns.push(urn);
        }
      }
      if (elements.length < PAGE_SIZE) break;
    }
    const organizations: Organization[] = [];
    for (const urn of urns) organizations.push(await this.organization(urn, accessToken));
    return organizations;
  }

  private async organization(urn: string, accessToken: string): Promise<Organization> {
    const id = ORGANIZATION_URN.exec(urn)?.[1] ?? '';
    const body = await this.restGet(`${this.urls.organizations}/${id}`, accessToken);
    const logoUrn = stringField(objectField(body, 'logoV2'), 'original');
    return {
      urn,
      id,
      name: stringField(body, 'localizedName') ?? `Organization ${id}`,
      vanityName: stringField(body, 'vanityName'),
      logoUrl: logoUrn ? await this.imageUrl(logoUrn, accessToken) : null,
    };
  }

  /** A logo is cosmetic: any failure but a dead grant leaves the candidate without one. */
  private async imageUrl(imageUrn: string, accessToken: string): Promise<string | null> {
    if (!imageUrn.startsWith('urn:li:image:')) return null;
    try {
      const body = await this.restGet(
        `${this.urls.images}/${encodeURIComponent(imageUrn)}`,
        accessToken,
      );
      return stringField(body, 'downloadUrl');
    } catch (error) {
      if (isProviderError(error) && error.kind === 'reauth_required') throw error;
      return null;
    }
  }
}

function arrayField(value: JsonValue, key: string): JsonValue[] {
  if (!isJsonObject(value)) return [];
  const field = value[key];
  return Array.isArray(field) ? field : [];
}

export const linkedinPagePlatform: PlatformDefinition = {
  type: 'LINKEDIN_PAGE',
  create: (context) =>
    new LinkedInPageAdapter(
      linkedInConfig('LINKEDIN_PAGE', context.credentials, context.endpoint, {
        required: LINKEDIN_PAGE_REQUIRED_SCOPES,
        default: LINKEDIN_PAGE_DEFAULT_SCOPES,
      }),
      context,
      {
        acls: context.endpoint(LINKEDIN_ENDPOINTS.organizationAcls),
        organizations: context.endpoint(LINKEDIN_ENDPOINTS.organizations),
        images: context.endpoint(LINKEDIN_ENDPOINTS.images),
      },
    ),
};
