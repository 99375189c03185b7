import { HttpStatus } from '@nestjs/common';

/** Every error code the gateway answers with, mapped to its HTTP status in one place. */
export const HTTP_STATUS_BY_CODE: Record<string, number> = {
  'validation-failed': HttpStatus.BAD_REQUEST,
  'redirect-not-allowed': HttpStatus.BAD_REQUEST,
  'unknown-platform': HttpStatus.BAD_REQUEST,
  'invalid-state': HttpStatus.BAD_REQUEST,
  'invalid-signature': HttpStatus.BAD_REQUEST,
  'selection-expired': HttpStatus.GONE,
  'channel-not-eligible': HttpStatus.UNPROCESSABLE_ENTITY,
  'channel-already-connected': HttpStatus.CONFLICT,
  'no-channel-choice': HttpStatus.CONFLICT,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  'account-on-hold': HttpStatus.CONFLICT,
  'limit-reached': HttpStatus.CONFLICT,
  'account-connected-elsewhere': HttpStatus.CONFLICT,
  'account-already-connected': HttpStatus.CONFLICT,
  'rotating-grant-not-copyable': HttpStatus.CONFLICT,
  'own-app-grant-not-copyable': HttpStatus.CONFLICT,
  'idempotency-key-reused': HttpStatus.UNPROCESSABLE_ENTITY,
  'idempotency-key-in-progress': HttpStatus.CONFLICT,
  'reauth-required': HttpStatus.CONFLICT,
  'credential-revoked': HttpStatus.GONE,
  'rate-limited': HttpStatus.TOO_MANY_REQUESTS,
  // a URL the server must not call (SSRF): private, link-local, loopback outside dev mode, http
  'url-not-allowed': HttpStatus.BAD_REQUEST,
  'mastodon-registration-failed': HttpStatus.UNPROCESSABLE_ENTITY,
  'telegram-invalid-bot-token': HttpStatus.UNPROCESSABLE_ENTITY,
  'telegram-channel-not-found': HttpStatus.UNPROCESSABLE_ENTITY,
  'telegram-not-a-channel': HttpStatus.UNPROCESSABLE_ENTITY,
  'telegram-bot-not-admin': HttpStatus.FORBIDDEN,
  'telegram-bot-cannot-post': HttpStatus.FORBIDDEN,
  // Bluesky: the handle given as serverUrl, or the app-password sign-in
  'bluesky-invalid-handle': HttpStatus.BAD_REQUEST,
  'bluesky-handle-not-found': HttpStatus.UNPROCESSABLE_ENTITY,
  'bluesky-handle-mismatch': HttpStatus.UNPROCESSABLE_ENTITY,
  'bluesky-no-authorization-server': HttpStatus.UNPROCESSABLE_ENTITY,
  'bluesky-invalid-credentials': HttpStatus.UNPROCESSABLE_ENTITY,
  timeout: HttpStatus.GATEWAY_TIMEOUT,
  'service-unavailable': HttpStatus.SERVICE_UNAVAILABLE,
  'internal-error': HttpStatus.INTERNAL_SERVER_ERROR,
};

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  errorId?: string;
}
