import type { EntityManager } from 'typeorm';

/** Closes a flow for good: the PKCE verifier is dropped with it. */
export async function finishFlow(
  tx: EntityManager,
  flowId: string,
  outcome: string,
): Promise<void> {
  await tx.query(
    `UPDATE oauth.flow SET status = 'completed', outcome = $2, code_verifier = NULL, context = NULL, completed_at = now() WHERE id = $1`,
    [flowId, outcome],
  );
}
