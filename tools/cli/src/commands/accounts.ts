import type { Command } from 'commander';
import { limit, uuid } from '../args';
import type { CommandContext } from '../context';
import { emit, fields, table, type Row } from '../output';

interface Page {
  items: Row[];
  nextCursor?: string | null;
}

const ACCOUNT_COLUMNS = ['id', 'type', 'displayName', 'status', 'statusReason', 'expiresAt'];
const TIMELINE_COLUMNS = [
  'at',
  'kind',
  'outcome',
  'providerStatus',
  'providerError',
  'traceId',
  'detail',
];

/** `accounts list|show|timeline`: the gateway's view of connections, with trace ids. */
export function accountsCommand(
  program: Command,
  run: (fn: (ctx: CommandContext) => Promise<void>) => Promise<void>,
): void {
  const accounts = program.command('accounts').description("a team's connected accounts");

  accounts
    .command('list')
    .description("a team's accounts with their status")
    .requiredOption('--team <teamId>', 'the team (UUID)')
    .option('--limit <n>', 'at most this many', '100')
    .option('--cursor <cursor>', 'the next page, from a previous answer')
    .action((opts: { team: string; limit: string; cursor?: string }) =>
      run(async (ctx) => {
        const page = await ctx.gateway().get<Page>('/api/v1/social-account', {
          teamId: uuid(opts.team, '--team'),
          limit: limit(opts.limit),
          cursor: opts.cursor,
        });
        emit(ctx.io, ctx.json, page, () => {
          const more = page.nextCursor ? `\nmore: --cursor ${page.nextCursor}` : '';
          return table(page.items, ACCOUNT_COLUMNS) + more;
        });
      }),
    );

  accounts
    .command('show')
    .description('one account: status, reason, last error, expiry')
    .argument('<accountId>', 'the account (UUID)')
    .action((id: string) =>
      run(async (ctx) => {
        const account = await ctx
          .gateway()
          .get<Row>(`/api/v1/social-account/${uuid(id, 'accountId')}`);
        emit(ctx.io, ctx.json, account, () => fields(account));
      }),
    );

  accounts
    .command('timeline')
    .description('connect, refresh attempts, platform errors, warnings and notices, with trace ids')
    .argument('<accountId>', 'the account (UUID)')
    .option('--limit <n>', 'at most this many entries', '100')
    .option('--cursor <cursor>', 'the next page, from a previous answer')
    .action((id: string, opts: { limit: string; cursor?: string }) =>
      run(async (ctx) => {
        const page = await ctx
          .gateway()
          .get<Page>(`/api/v1/social-account/${uuid(id, 'accountId')}/timeline`, {
            limit: limit(opts.limit),
            cursor: opts.cursor,
          });
        emit(ctx.io, ctx.json, page, () => {
          const more = page.nextCursor ? `\nmore: --cursor ${page.nextCursor}` : '';
          return table(page.items, TIMELINE_COLUMNS) + more;
        });
      }),
    );
}
