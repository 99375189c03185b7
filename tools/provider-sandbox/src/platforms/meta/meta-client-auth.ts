import type { ClientAuthPolicy } from '../../core/oauth/client-auth';
import { OAuthError } from '../../core/oauth/oauth-error';

/** Meta's apps send `client_id` and `client_secret` as parameters; there is no HTTP Basic. */
export const META_CLIENT_AUTH: ClientAuthPolicy = {
  methods: ['client_secret_post'],
  publicClients: false,
  missingCredentials: () => new OAuthError('invalid_client', 'Error validating client secret.'),
};
