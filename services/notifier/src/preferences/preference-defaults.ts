import { NOTICE_KINDS, type NoticeKind, type Preference } from '@switchboard/contracts';

/** Unless a member says otherwise, every kind goes to both the inbox and email. */
export function defaultPreference(kind: NoticeKind): Preference {
  return { kind, email: true, inApp: true };
}

export function defaultPreferences(): Preference[] {
  return NOTICE_KINDS.map(defaultPreference);
}
