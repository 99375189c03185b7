// A real, standards-compliant OAuth 2.0 / OpenID Connect authorization server (the npm package
// oidc-provider) for test/custom-oauth2.test.ts. Run as its own process (the package is ESM-only):
//   OIDC_CLIENTS='[...]' node test/support/oidc-server.mjs
// It prints one JSON line `{"issuer": …}` when listening, then one line per provider event the
// test looks at (grants revoked, refresh tokens consumed, errors). Sign-in and consent are
// automatic: the account is the one named for the client in OIDC_ACCOUNTS (else "alice").
import Provider from 'oidc-provider';
import { createServer } from 'node:http';

const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '[]');
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');
const accessTtl = Number(process.env.OIDC_ACCESS_TTL ?? '3600');

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  scopes: ['openid', 'profile', 'offline_access'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    introspection: { enabled: true },
  },
  // every code exchange gets a refresh token; each refresh rotates it (reuse → grant revoked)
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  ttl: { AccessToken: accessTtl, AuthorizationCode: 60, RefreshToken: 86400, Grant: 86400 },
  pkce: { required: (_ctx, client) => client.clientId.endsWith('-pkce') },
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({
      sub,
      name: `${sub[0].toUpperCase()}${sub.slice(1)}`,
      preferred_username: sub,
    }),
  }),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['test-only-cookie-key'] },
  jwks: undefined,
});

// automatic sign-in and consent: everything the client asked for is granted
provider.use(async (ctx, next) => {
  if (!ctx.path.startsWith('/interaction/')) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const clientId = details.params.client_id;
  const accountId = accounts[clientId] ?? 'alice';
  const grant = new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(String(details.params.scope ?? ''));
  const grantId = await grant.save();
  const location = await provider.interactionResult(ctx.req, ctx.res, {
    login: { accountId },
    consent: { grantId },
  });
  ctx.redirect(location);
});

const log = (event, fields = {}) =>
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
provider.on('grant.revoked', (_ctx, grantId) => log('grant.revoked', { grantId }));
provider.on('grant.error', (_ctx, error) => log('grant.error', { error: error.error }));
provider.on('grant.success', (ctx) =>
  log('grant.success', { grantType: ctx.oidc.params.grant_type }),
);
provider.on('revocation.success', () => log('revocation.success'));
provider.on('revocation.error', (_ctx, error) => log('revocation.error', { error: error.error }));
provider.on('server_error', (_ctx, error) => log('server_error', { message: error.message }));

server.on('request', provider.callback());
log('listening', { issuer });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
