import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { eventSchema } from '../envelope';

/**
 * A team member was deleted and their personal data erased at the gateway; every service that
 * stored something about them (the notifier: addresses, notices, preferences) erases it too.
 * Ids only: the stream keeps events, so the event itself must not carry what is being erased.
 */
export const MEMBER_ERASED_V1 = 'switchboard.member.erased.v1';
export const MemberErasedV1Data = z.strictObject({
  teamId: IdSchema,
  memberId: IdSchema,
  erasedAt: IsoTimeSchema,
});
export const MemberErasedV1 = eventSchema(MEMBER_ERASED_V1, MemberErasedV1Data);
export type MemberErasedV1 = z.infer<typeof MemberErasedV1>;
