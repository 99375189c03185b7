import {
  callbackParamPrefix,
  type ConnectedAccount,
  type PlatformType,
} from '@switchboard/contracts';

/** What a callback ended in: the documented redirect parameter plus what to record. */
export type CallbackOutcome =
  | { kind: 'success'; account: ConnectedAccount }
  | { kind: 'invalid-state'; detail: string }
  | { kind: 'denied' }
  | { kind: 'not-enough-permissions'; missing: string[] }
  | { kind: 'error'; code: string; message: string };

export function outcomeParams(
  type: PlatformType,
  outcome: CallbackOutcome,
): Record<string, string> {
  const p = callbackParamPrefix(type);
  switch (outcome.kind) {
    case 'success':
      return { [`${p}-callback`]: 'success' };
    case 'invalid-state':
      return { [`${p}-invalid-state`]: '' };
    case 'denied':
      return { [`${p}-denied`]: '' };
    case 'not-enough-permissions':
      return { [`${p}-not-enough-permissions`]: '', missing: outcome.missing.join(',') };
    case 'error':
      return { [`${p}-callback`]: 'error', code: outcome.code, message: outcome.message };
  }
}

export function outcomeName(outcome: CallbackOutcome): string {
  return outcome.kind === 'error' ? `error:${outcome.code}` : outcome.kind;
}
