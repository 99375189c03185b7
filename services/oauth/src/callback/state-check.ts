import type { PlatformType } from '@switchboard/contracts';
import { sha256 } from '../flow/hash';

export interface FlowBinding {
  type: string;
  stateHash: string | null;
  browserHash: string | null;
  expiresAt: Date;
}

export interface CallbackInput {
  type: PlatformType;
  state: string | undefined;
  iss: string | undefined;
  browserId: string | null;
}

/**
 * Everything checked before a code is exchanged: the state is this flow's, for this platform,
 * in the browser that started it, in time, and from the expected issuer (RFC 9207) when the
 * platform declares one. Returns why not, or null.
 */
export function stateProblem(
  flow: FlowBinding,
  input: CallbackInput,
  expectedIssuer: string | null,
  now = new Date(),
): string | null {
  if (!input.state || flow.stateHash !== sha256(input.state)) return 'state missing or unknown';
  if (flow.type !== input.type) return 'callback for another platform';
  if (!input.browserId || flow.browserHash !== sha256(input.browserId))
    return 'flow started in another browser';
  if (flow.expiresAt <= now) return 'flow expired';
  if (expectedIssuer && input.iss !== expectedIssuer) return 'issuer missing or mismatched';
  return null;
}
