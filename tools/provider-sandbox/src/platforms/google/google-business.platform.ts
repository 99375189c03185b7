import { createHash } from 'node:crypto';

import type { Router } from 'express';

import { sendReply } from '../../core/http-reply';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { SandboxUser } from '../../core/state/users';
import { queryString } from '../support/api-caller';
import { shortNumericId } from '../support/ids';
import { googleApiUser, pageOffset, pageSize } from './google-api-caller';
import { GOOGLE_AUTH, googleOAuth } from './google-oauth';
import { googleApiError } from './google-responses';

const BUSINESS_MANAGE = `${GOOGLE_AUTH}/business.manage`;
const LOCATION_FIELDS = [
  'name',
  'title',
  'storefrontAddress',
  'metadata',
  'categories',
  'websiteUri',
];

interface SandboxLocation {
  readonly account: string;
  readonly resource: Record<string, unknown>;
}

function hashNumber(...parts: readonly string[]): number {
  return parseInt(createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 8), 16);
}

/**
 * A user's Business Profile: one account holding the standard set's location — and a second
 * branch with the same title elsewhere, so candidates differ only by address. `empty-` users
 * have no account at all.
 */
export function businessProfileOf(user: SandboxUser): {
  accounts: string[];
  locations: SandboxLocation[];
} {
  const locations: SandboxLocation[] = [];
  const accounts: string[] = [];
  for (const entity of user.entities.googleBusinessLocations) {
    const [, accountId = '', , locationId = ''] = entity.name.split('/');
    const account = `accounts/${accountId}`;
    if (!accounts.includes(account)) accounts.push(account);
    const branches = [
      {
        id: locationId,
        street: 'Market Street',
        locality: 'Springfield',
        area: 'IL',
        postalCode: '62701',
      },
      {
        id: shortNumericId('google-business-branch', locationId),
        street: 'Main Street',
        locality: 'Shelbyville',
        area: 'IL',
        postalCode: '62565',
      },
    ];
    for (const branch of branches) {
      locations.push({
        account,
        resource: {
          name: `locations/${branch.id}`,
          title: entity.title,
          storefrontAddress: {
            regionCode: 'US',
            languageCode: 'en',
            postalCode: branch.postalCode,
            administrativeArea: branch.area,
            locality: branch.locality,
            addressLines: [`${1 + (hashNumber(branch.id) % 400)} ${branch.street}`],
          },
          metadata: {
            hasVoiceOfMerchant: true,
            mapsUri: `https://maps.google.com/maps?cid=${branch.id}`,
            placeId: `ChIJ${createHash('sha256').update(branch.id).digest('base64url').slice(0, 23)}`,
          },
          categories: { primaryCategory: { name: 'categories/gcid:store', displayName: 'Store' } },
          websiteUri: `https://${user.username.toLowerCase()}.example.com/`,
        },
      });
    }
  }
  return { accounts, locations };
}

function invalidArgument(field: string, description: string) {
  return googleApiError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [], {}, [
    {
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field, description }],
    },
  ]);
}

/**
 * Business Profile APIs: `GET /v1/accounts` (mybusinessaccountmanagement) and
 * `GET /v1/accounts/{a}/locations?readMask=…` (mybusinessbusinessinformation), both paginated
 * with `pageSize` / `pageToken` → `nextPageToken`; `readMask` is required and decides the fields.
 */
function businessRoutes(router: Router, state: SandboxState): void {
  router.get('/v1/accounts', (req, res) => {
    const user = googleApiUser(state, 'GOOGLE_BUSINESS', req, res, [BUSINESS_MANAGE]);
    if (user === null) return;
    const { accounts } = businessProfileOf(user);
    const offset = pageOffset(queryString(req, 'pageToken'));
    const size = pageSize(queryString(req, 'pageSize'), 20, 20);
    const page = accounts.slice(offset, offset + size).map((name) => ({
      name,
      accountName: user.displayName,
      type: 'PERSONAL',
      verificationState: 'UNVERIFIED',
      vettedState: 'NOT_VETTED',
    }));
    const next = offset + size < accounts.length ? `o${offset + size}` : null;
    sendReply(res, {
      status: 200,
      body: {
        ...(page.length > 0 ? { accounts: page } : {}),
        ...(next === null ? {} : { nextPageToken: next }),
      },
    });
  });

  router.get('/v1/accounts/:accountId/locations', (req, res) => {
    const user = googleApiUser(state, 'GOOGLE_BUSINESS', req, res, [BUSINESS_MANAGE]);
    if (user === null) return;
    const account = `accounts/${req.params.accountId}`;
    const profile = businessProfileOf(user);
    if (!profile.accounts.includes(account)) {
      sendReply(
        res,
        googleApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission'),
      );
      return;
    }
    const readMask = queryString(req, 'readMask');
    const fields = readMask?.split(',').map((field) => field.trim()) ?? [];
    if (fields.length === 0 || fields.some((field) => !LOCATION_FIELDS.includes(field))) {
      sendReply(res, invalidArgument('read_mask', 'Invalid field mask provided'));
      return;
    }
    const all = profile.locations.filter((location) => location.account === account);
    const offset = pageOffset(queryString(req, 'pageToken'));
    const size = pageSize(queryString(req, 'pageSize'), 10, 100);
    const page = all
      .slice(offset, offset + size)
      .map((location) =>
        Object.fromEntries(
          Object.entries(location.resource).filter(([key]) => fields.includes(key)),
        ),
      );
    const next = offset + size < all.length ? `o${offset + size}` : null;
    sendReply(res, {
      status: 200,
      body: {
        ...(page.length > 0 ? { locations: page } : {}),
        ...(next === null ? {} : { nextPageToken: next }),
        totalSize: all.length,
      },
    });
  });
}

/** GOOGLE_BUSINESS — Google OAuth plus the Business Profile accounts and locations. */
export const googleBusinessPlatform: PlatformDefinition = googleOAuth(
  'GOOGLE_BUSINESS',
  'Google Business Profile',
  [BUSINESS_MANAGE],
  businessRoutes,
);
