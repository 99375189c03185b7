export type {
  AccountIdentity,
  ChannelCandidate,
  ChannelConnection,
  ChannelSupport,
  PushRevocationSupport,
  AuthorizationUrlParams,
  ExchangeCodeParams,
  ProviderAdapter,
  RefreshParams,
  RevokeParams,
  TokenSet,
} from './adapter';
export { PLATFORM_CATALOG } from './catalog';
export { systemClock, type Clock } from './clock';
export type { EnvSource } from './endpoint-override';
export {
  createHttpClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type RequestBody,
  type RequestEvent,
  type RequestHook,
  type ResponseBody,
} from './http';
export type { JsonObject, JsonValue } from './json';
export { withRequired } from './oauth2/authorization-url';
export { classifyErrorResponse, type ClassifyContext } from './oauth2/classify-error';
export type {
  ErrorClassificationInput,
  ErrorClassifierOverride,
  IdentityMapper,
  OAuth2ProviderConfig,
  RevokeTokenHint,
} from './oauth2/config';
export { OAuth2Adapter, type OAuth2AdapterDeps } from './oauth2/oauth2-adapter';
export { generatePkce, pkceChallenge, randomState, type PkcePair } from './oauth2/pkce';
export { parseScopes, parseTokenResponse, type TokenParseContext } from './oauth2/token-response';
export { userInfoIdentity } from './oauth2/userinfo-identity';
export type {
  ClientCredentials,
  InstanceContext,
  PlatformContext,
  PlatformDefinition,
} from './platform-definition';
export type { DirectConnection, DirectConnector } from './direct-connect';
export {
  MASTODON_APP_SCOPES,
  MASTODON_DEFAULT_SCOPES,
  MASTODON_PATHS,
  MASTODON_REQUIRED_SCOPES,
} from './platforms/mastodon/mastodon-endpoints';
export {
  mastodonAppRequest,
  mastodonSupportsPkce,
  parseMastodonApp,
  type MastodonAppRequest,
} from './platforms/mastodon/mastodon-apps';
export { BOT_NOT_ADMIN_MESSAGE, TelegramErrorCodes } from './platforms/telegram/telegram-errors';
export {
  customOAuth2Config,
  genericOAuth2Config,
  type CustomOAuth2Registration,
  type GenericOAuth2Options,
} from './platforms/generic';
export {
  TWITTER_DEFAULT_SCOPES,
  TWITTER_ENDPOINTS,
  TWITTER_REQUIRED_SCOPES,
  twitterConfig,
  twitterIdentity,
} from './platforms/twitter';
export {
  parseSignedRequest,
  SignedRequestError,
  type SignedRequest,
  type SignedRequestProblem,
} from './platforms/meta/signed-request';
export { NO_INSTAGRAM_BUSINESS_ACCOUNT } from './platforms/meta/instagram';
export {
  slackEventPayload,
  slackSignature,
  SLACK_MAX_SKEW_SECONDS,
  type SlackEventEnvelope,
} from './platforms/slack/slack-events';
export {
  isProviderError,
  ProviderError,
  type ProviderErrorInit,
  type ProviderErrorKind,
  type ProviderOperation,
} from './provider-error';
export { missingScopes } from './scopes';
export {
  createProviderRegistry,
  type ProviderRegistry,
  type ProviderRegistryOptions,
} from './registry';
export { retryAfterSeconds } from './retry-after';
export type { FlowContext, ServerDiscovery } from './server-discovery';
export {
  BLUESKY_CLIENT_METADATA_PATH,
  blueskyClientId,
  blueskyClientMetadata,
} from './platforms/bluesky/bluesky-client-metadata';
export { recordProviderSpan } from './request-span';
