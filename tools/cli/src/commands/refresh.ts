import type { Command } from 'commander';
import { VaultRefresh } from '@switchboard/contracts';
import { uuid } from '../args';
import type { CommandContext } from '../context';
import { emit, fields } from '../output';

/**
 * `refresh now <accountId>`: asks the vault to refresh the connection at once (`vault.refresh`,
 * trigger `manual`), under the same lock and fencing as scheduled refreshes. The team comes from
 * `--team`, or from the gateway when it is not given.
 */
export function refreshCommand(
  program: Command,
  run: (fn: (ctx: CommandContext) => Promise<void>) => Promise<void>,
): void {
  program
    .command('refresh')
    .description('refresh tokens on demand')
    .command('now')
    .description("refresh one connection's tokens now and print the outcome")
    .argument('<accountId>', 'the account (UUID)')
    .option('--team <teamId>', "the account's team (looked up at the gateway when omitted)")
    .action((id: string, opts: { team?: string }) =>
      run(async (ctx) => {
        const connectionId = uuid(id, 'accountId');
        const teamId = opts.team
          ? uuid(opts.team, '--team')
          : (await ctx.gateway().get<{ teamId: string }>(`/api/v1/social-account/${connectionId}`))
              .teamId;
        const outcome = await ctx
          .rpc()
          .call(VaultRefresh, { connectionId, teamId, trigger: 'manual' });
        emit(ctx.io, ctx.json, outcome, () => fields(outcome));
      }),
    );
}
