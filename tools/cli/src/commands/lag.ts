import type { Command } from 'commander';
import { busStatus, type BusStatus } from '@switchboard/contracts';
import { CliError, ExitCodes } from '../cli-error';
import type { CommandContext } from '../context';
import { emit, table } from '../output';
import { SERVICE_NAMES, serviceName, type ServiceName } from '../services';

type Line = { service: ServiceName } & ({ status: BusStatus } | { error: string });

/** `lag`: per service, the outbox backlog, its consumer's lag and unreplayed dead letters. */
export function lagCommand(
  program: Command,
  run: (fn: (ctx: CommandContext) => Promise<void>) => Promise<void>,
): void {
  program
    .command('lag')
    .description('outbox backlog, consumer lag and dead letters, per service')
    .option('--service <name>', 'only this service')
    .action((opts: { service?: string }) =>
      run(async (ctx) => {
        const services = opts.service ? [serviceName(opts.service)] : SERVICE_NAMES;
        const lines: Line[] = await Promise.all(
          services.map(async (service): Promise<Line> => {
            try {
              return { service, status: await ctx.rpc().call(busStatus(service), {}) };
            } catch (error) {
              if (!(error instanceof CliError) || services.length === 1) throw error;
              return { service, error: `${error.code}: ${error.message}` };
            }
          }),
        );
        if (lines.some((l) => 'error' in l)) ctx.exitCode = ExitCodes.failed;
        emit(ctx.io, ctx.json, { items: lines }, () =>
          table(
            lines.map((l) =>
              'error' in l
                ? { service: l.service, error: l.error }
                : {
                    service: l.service,
                    outboxPending: l.status.outbox.pending,
                    oldestPendingSeconds: l.status.outbox.oldestPendingSeconds,
                    consumerPending: l.status.consumer?.pending,
                    ackPending: l.status.consumer?.ackPending,
                    deadLetters: l.status.deadLetters.unreplayed,
                  },
            ),
            [
              'service',
              'outboxPending',
              'oldestPendingSeconds',
              'consumerPending',
              'ackPending',
              'deadLetters',
              'error',
            ],
          ),
        );
      }),
    );
}
