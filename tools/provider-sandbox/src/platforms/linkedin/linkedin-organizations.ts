import type { Request, Response, Router } from 'express';

import { sendReply } from '../../core/http-reply';
import type { SandboxState } from '../../core/sandbox-state';
import type { SandboxUser } from '../../core/state/users';
import { apiCaller, bearerToken, hasAnyScope, queryString } from '../support/api-caller';
import { shortNumericId } from '../support/ids';
import { memberSub } from './linkedin-oauth';
import { linkedinApiError, linkedinForbidden, linkedinUnauthorized } from './linkedin-responses';

export type OrganizationRole = 'ADMINISTRATOR' | 'ANALYST';

export interface SandboxOrganization {
  /** Short, like LinkedIn's (and safe as a JSON number). */
  readonly id: string;
  readonly name: string;
  readonly vanityName: string;
  readonly role: OrganizationRole;
}

const ADMIN_SCOPES = ['rw_organization_admin', 'r_organization_admin'];
/** Marketing versions at or before 202310 are sunset. */
const OLDEST_VERSION = 202311;
const IMAGE_URN_PREFIX = 'urn:li:image:C4D0BAQ';

/**
 * The organizations a member holds a role in: the standard set's organization (ADMINISTRATOR)
 * and, for anyone who has one, an organization where the member is only an ANALYST — so the
 * role filter is exercised. `empty-` users have none.
 */
export function organizationsOf(user: SandboxUser): SandboxOrganization[] {
  const administered = user.entities.linkedinOrganizations.map((organization) => ({
    id: shortNumericId('linkedin-organization', organization.id),
    name: organization.name,
    vanityName: vanity(organization.name),
    role: organization.role,
  }));
  if (administered.length === 0) return [];
  const analystName = `${user.displayName} Analytics Guild`;
  return [
    ...administered,
    {
      id: shortNumericId('linkedin-organization-analyst', user.name),
      name: analystName,
      vanityName: vanity(analystName),
      role: 'ANALYST',
    },
  ];
}

function vanity(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Community Management API reads under `/rest` (and the unversioned `/v2` ACL finder):
 * `organizationAcls?q=roleAssignee[&role][&state][&start][&count]`, `organizations/{id}` (only
 * for organizations the member administers), `images/{urn}` for logos. `/rest` needs a
 * `LinkedIn-Version` header: missing → 400 `VERSION_MISSING`, sunset → 426 `NONEXISTENT_VERSION`.
 */
export function organizationRoutes(router: Router, state: SandboxState, type: string): void {
  const authorized = (
    req: Request,
    res: Response,
    versioned: boolean,
    resource: string,
  ): SandboxUser | null => {
    if (versioned && !versionAccepted(req, res)) return null;
    const caller = apiCaller(state, type, bearerToken(req));
    if (caller.kind !== 'ok') {
      sendReply(res, linkedinUnauthorized(caller.kind));
      return null;
    }
    if (resource !== 'images' && !hasAnyScope(caller.token, ADMIN_SCOPES)) {
      sendReply(res, linkedinForbidden(resource));
      return null;
    }
    return caller.user;
  };

  for (const [prefix, versioned] of [
    ['/rest', true],
    ['/v2', false],
  ] as const) {
    router.get(`${prefix}/organizationAcls`, (req, res) => {
      const user = authorized(req, res, versioned, 'organizationAcls.FINDER-roleAssignee');
      if (user === null) return;
      if (queryString(req, 'q') !== 'roleAssignee') {
        sendReply(res, linkedinApiError(400, 'Invalid query parameters passed to request'));
        return;
      }
      const role = queryString(req, 'role');
      const approvedOnly = queryString(req, 'state');
      const start = boundedInt(queryString(req, 'start'), 0, 0, 10_000);
      const count = boundedInt(queryString(req, 'count'), 10, 1, 100);
      const matching = organizationsOf(user).filter(
        (organization) =>
          (role === undefined || organization.role === role) &&
          (approvedOnly === undefined || approvedOnly === 'APPROVED'),
      );
      const page = matching.slice(start, start + count);
      sendReply(res, {
        status: 200,
        body: {
          paging: { start, count, links: [], total: matching.length },
          elements: page.map((organization) => ({
            roleAssignee: `urn:li:person:${memberSub(user)}`,
            state: 'APPROVED',
            role: organization.role,
            organization: `urn:li:organization:${organization.id}`,
          })),
        },
      });
    });
  }

  router.get('/rest/organizations/:id', (req, res) => {
    const user = authorized(req, res, true, 'organizations.GET');
    if (user === null) return;
    const organization = organizationsOf(user).find(
      (candidate) => candidate.id === req.params.id && candidate.role === 'ADMINISTRATOR',
    );
    if (organization === undefined) {
      sendReply(res, linkedinForbidden(`organizations.GET.${req.params.id}`));
      return;
    }
    sendReply(res, {
      status: 200,
      body: {
        id: Number(organization.id),
        localizedName: organization.name,
        vanityName: organization.vanityName,
        name: {
          localized: { en_US: organization.name },
          preferredLocale: { country: 'US', language: 'en' },
        },
        primaryOrganizationType: 'NONE',
        logoV2: {
          original: `${IMAGE_URN_PREFIX}${organization.id}`,
          cropped: `${IMAGE_URN_PREFIX}${organization.id}`,
          cropInfo: { x: 0, y: 0, width: 0, height: 0 },
        },
      },
    });
  });

  router.get('/rest/images/:urn', (req, res) => {
    const user = authorized(req, res, true, 'images');
    if (user === null) return;
    const urn = req.params.urn;
    const id = urn.startsWith(IMAGE_URN_PREFIX) ? urn.slice(IMAGE_URN_PREFIX.length) : '';
    const organization = organizationsOf(user).find((candidate) => candidate.id === id);
    if (organization === undefined) {
      sendReply(res, linkedinApiError(404, `Image ${urn} not found`));
      return;
    }
    sendReply(res, {
      status: 200,
      body: {
        id: urn,
        owner: `urn:li:organization:${organization.id}`,
        status: 'AVAILABLE',
        downloadUrl: `${state.origin}/_sandbox/avatars/${organization.id}.svg`,
        downloadUrlExpiresAt: state.clock() + 3600 * 1000,
      },
    });
  });
}

function versionAccepted(req: Request, res: Response): boolean {
  const header = req.headers['linkedin-version'];
  const version = typeof header === 'string' ? header.trim() : '';
  const match = /^(\d{6})(\.\d{2})?$/.exec(version);
  if (match?.[1] === undefined) {
    sendReply(
      res,
      linkedinApiError(
        400,
        'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
        { code: 'VERSION_MISSING' },
      ),
    );
    return false;
  }
  if (Number(match[1]) < OLDEST_VERSION) {
    sendReply(
      res,
      linkedinApiError(426, `Requested version ${version} is not active`, {
        code: 'NONEXISTENT_VERSION',
      }),
    );
    return false;
  }
  return true;
}

function boundedInt(raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || !/^\d{1,6}$/.test(raw)) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}
