import type { Command } from 'commander';
import { deadLettersList, deadLettersReplay } from '@switchboard/contracts';
import { limit, uuid } from '../args';
import type { CommandContext } from '../context';
import { emit, fields, table } from '../output';
import { SERVICE_NAMES, serviceName } from '../services';

const COLUMNS = [
  'id',
  'createdAt',
  'consumer',
  'eventType',
  'reason',
  'deliveries',
  'error',
  'replayedAt',
];

/** `dead-letters list|replay`: events a service's consumer gave up on, replayable once fixed. */
export function deadLettersCommand(
  program: Command,
  run: (fn: (ctx: CommandContext) => Promise<void>) => Promise<void>,
): void {
  const dl = program
    .command('dead-letters')
    .alias('dlq')
    .description('events a consumer gave up on');

  dl.command('list')
    .description(`dead letters of one service (${SERVICE_NAMES.join(', ')})`)
    .requiredOption('--service <name>', 'the consuming service')
    .option('--all', 'include those already replayed')
    .option('--limit <n>', 'at most this many', '100')
    .option('--cursor <cursor>', 'the next page, from a previous answer')
    .action((opts: { service: string; all?: boolean; limit: string; cursor?: string }) =>
      run(async (ctx) => {
        const contract = deadLettersList(serviceName(opts.service));
        const page = await ctx.rpc().call(contract, {
          limit: limit(opts.limit),
          cursor: opts.cursor ?? null,
          includeReplayed: opts.all === true,
        });
        emit(ctx.io, ctx.json, page, () => {
          const more = page.nextCursor ? `\nmore: --cursor ${page.nextCursor}` : '';
          return table(page.items, COLUMNS) + more;
        });
      }),
    );

  dl.command('replay')
    .description('publish a dead letter again (consumers skip what they already applied)')
    .requiredOption('--service <name>', 'the consuming service')
    .argument('<deadLetterId>', 'the dead letter (UUID)')
    .action((id: string, opts: { service: string }) =>
      run(async (ctx) => {
        const contract = deadLettersReplay(serviceName(opts.service));
        const result = await ctx.rpc().call(contract, { id: uuid(id, 'deadLetterId') });
        emit(ctx.io, ctx.json, { id, ...result }, () => fields({ id, ...result }));
      }),
    );
}
