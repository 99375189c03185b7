import type { PlatformDefinition } from '../../core/platform';
import { linkedinOAuth } from './linkedin-oauth';
import { organizationRoutes } from './linkedin-organizations';

/**
 * LINKEDIN_PAGE — company pages through the Community Management API, a separate LinkedIn app.
 * Such apps are approved partners with programmatic refresh: a refresh token that lives 365 days
 * from the first authorization (never reset) and does not rotate. Organizations come from
 * `organizationAcls` with the member's role in each.
 */
const oauth = linkedinOAuth('LINKEDIN_PAGE', 'LinkedIn Pages', {
  issue: 'always',
  rotation: 'reuse',
  expiry: 'fixed',
});

export const linkedinPagePlatform: PlatformDefinition = {
  ...oauth,
  extendRouter: (router, state) => organizationRoutes(router, state, 'LINKEDIN_PAGE'),
};
