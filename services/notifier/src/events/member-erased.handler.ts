import { Injectable, Logger } from '@nestjs/common';
import type { MemberErasedV1 } from '@switchboard/contracts';
import type { EntityManager } from 'typeorm';
import { RecipientsService } from '../recipients/recipients.service';

/**
 * A member deleted at the gateway: what the notifier kept about them goes too — email deliveries
 * (address and rendered text, sent or not: an unsent one is never sent), notices addressed to
 * them, their preferences. Accounts they connected stay, no longer linked to them.
 */
@Injectable()
export class MemberErasedHandler {
  private readonly logger = new Logger('member-erasure');

  constructor(private readonly recipients: RecipientsService) {}

  async handle(e: MemberErasedV1, tx: EntityManager): Promise<void> {
    const { teamId, memberId } = e.data;
    const params = [teamId, memberId];
    const emails: [unknown[], number] = await tx.query(
      `DELETE FROM notifier.email_delivery WHERE team_id = $1 AND member_id = $2`,
      params,
    );
    const notices: [unknown[], number] = await tx.query(
      `DELETE FROM notifier.notification WHERE team_id = $1 AND member_id = $2`,
      params,
    );
    await tx.query(`DELETE FROM notifier.preference WHERE team_id = $1 AND member_id = $2`, params);
    await tx.query(
      `UPDATE notifier.account SET member_id = NULL WHERE team_id = $1 AND member_id = $2`,
      params,
    );
    this.recipients.forgetTeam(teamId);
    this.logger.log({
      msg: 'member erased',
      teamId,
      memberId,
      emailDeliveries: emails[1],
      notices: notices[1],
    });
  }
}
