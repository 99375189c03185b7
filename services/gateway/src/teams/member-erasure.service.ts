import { Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes, MEMBER_ERASED_V1 } from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import { DataSource } from 'typeorm';

/**
 * Deleting a member erases their personal data (email, name, locale) wherever it is stored. Here:
 * the member row, and answers kept for `Idempotency-Key` retries that carried it. The member's
 * accounts stay with the team (no longer linked to anyone). `MemberErased`, written in the same
 * transaction, carries only ids and makes the notifier erase its copies (addresses on email
 * deliveries, notices addressed to them, preferences) — exactly once, retried until it is done.
 */
@Injectable()
export class MemberErasureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async erase(teamId: string, memberId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const deleted: [unknown[], number] = await tx.query(
        `DELETE FROM gateway.member WHERE id = $1 AND team_id = $2`,
        [memberId, teamId],
      );
      if (deleted[1] !== 1) throw new CodedError(ErrorCodes.notFound, 'not found');
      await tx.query(
        `UPDATE gateway.account SET member_id = NULL, updated_at = now()
         WHERE team_id = $1 AND member_id = $2`,
        [teamId, memberId],
      );
      await tx.query(`DELETE FROM gateway.idempotency WHERE response ->> 'id' = $1`, [memberId]);
      await this.outbox.enqueue(
        tx,
        MEMBER_ERASED_V1,
        { teamId, memberId, erasedAt: new Date().toISOString() },
        memberId,
      );
    });
  }
}
