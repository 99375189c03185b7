import type { PlatformDefinition } from '../../platform-definition';
import { LinkedInAdapter, linkedInConfig } from './linkedin-adapter';
import { LINKEDIN_DEFAULT_SCOPES, LINKEDIN_REQUIRED_SCOPES } from './linkedin-endpoints';

/**
 * LINKEDIN — a member profile (Sign In with LinkedIn using OpenID Connect + Share on LinkedIn).
 * The account is the member (`sub` of `/v2/userinfo`); there is no channel to choose.
 */
export const linkedinPlatform: PlatformDefinition = {
  type: 'LINKEDIN',
  create: (context) =>
    new LinkedInAdapter(
      linkedInConfig('LINKEDIN', context.credentials, context.endpoint, {
        required: LINKEDIN_REQUIRED_SCOPES,
        default: LINKEDIN_DEFAULT_SCOPES,
      }),
      context,
    ),
};
