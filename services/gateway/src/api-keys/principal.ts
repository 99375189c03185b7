import { CodedError, ErrorCodes } from '@switchboard/contracts';
import type { ApiScope } from './api-key.entity';

/** Who is calling: an API key's team, scopes and admin flag. */
export interface Principal {
  keyId: string;
  teamId: string | null;
  isAdmin: boolean;
  scopes: ReadonlySet<string>;
  rateLimitPerSecond: number;
}

export function requireScope(principal: Principal, scope: ApiScope): void {
  if (!principal.isAdmin && !principal.scopes.has(scope)) {
    throw new CodedError(ErrorCodes.forbidden, `this API key lacks the ${scope} scope`);
  }
}

/** A team key sees only its own team; anything else is answered as if it did not exist. */
export function requireTeam(principal: Principal, teamId: string): void {
  if (!principal.isAdmin && principal.teamId !== teamId) {
    throw new CodedError(ErrorCodes.notFound, 'not found');
  }
}

export function requireAdmin(principal: Principal): void {
  if (!principal.isAdmin)
    throw new CodedError(ErrorCodes.forbidden, 'this route needs an admin API key');
}
