import {
  callbackParamPrefix,
  type ConnectedAccount,
  type PlatformType,
} from '@switchboard/contracts';

/** What a callback ended in: the documented redirect parameter plus what to record. */
export type CallbackOutcome =
  | { kind: 'success'; account: ConnectedAccount }
  | { kind: 'select-channel'; selectionId: string }
  | { kind: 'invalid-state'; detail: string }
  | { kind: 'denied' }
  | { kind: 'limit-reached' }
  | { kind: 'not-enough-permissions'; missing: string[] }
  | { kind: 'no-channels'; param: string; detail: string | null }
  | { kind: 'error'; code: string; message: string };

export type FailedOutcome = Exclude<
  CallbackOutcome,
  { kind: 'success' } | { kind: 'select-channel' }
>;

export function outcomeParams(
  type: PlatformType,
  outcome: CallbackOutcome,
): Record<string, string> {
  const p = callbackParamPrefix(type);
  switch (outcome.kind) {
    case 'success':
      return { [`${p}-callback`]: 'success' };
    case 'select-channel':
      return { [`${p}-select-channel`]: outcome.selectionId };
    case 'invalid-state':
      return { [`${p}-invalid-state`]: '' };
    case 'denied':
      return { [`${p}-denied`]: '' };
    case 'limit-reached':
      return { [`${p}-limit-reached`]: '' };
    case 'not-enough-permissions':
      return { [`${p}-not-enough-permissions`]: '', missing: outcome.missing.join(',') };
    case 'no-channels':
      return { [outcome.param]: '' };
    case 'error':
      return { [`${p}-callback`]: 'error', code: outcome.code, message: outcome.message };
  }
}

export function outcomeName(outcome: CallbackOutcome): string {
  switch (outcome.kind) {
    case 'error':
      return `error:${outcome.code}`;
    case 'no-channels':
      return outcome.param;
    case 'success':
    case 'select-channel':
    case 'invalid-state':
    case 'denied':
    case 'limit-reached':
    case 'not-enough-permissions':
      return outcome.kind;
  }
}
