import type { Command } from 'commander';
import {
  KeyIdSchema,
  VaultKeysRetire,
  VaultKeysRotate,
  VaultKeysStatus,
} from '@switchboard/contracts';
import { CliError, ExitCodes } from '../cli-error';
import type { CommandContext } from '../context';
import { emit, fields, table } from '../output';

/** `keys status|rotate`: the vault's key-encryption keys and the re-wrap progress. */
export function keysCommand(
  program: Command,
  run: (fn: (ctx: CommandContext) => Promise<void>) => Promise<void>,
): void {
  const keys = program.command('keys').description("the vault's key-encryption keys");

  keys
    .command('status')
    .description("the active key, each key's state and how many sealed items still use it")
    .action(() =>
      run(async (ctx) => {
        const status = await ctx.rpc().call(VaultKeysStatus, {});
        emit(ctx.io, ctx.json, status, () =>
          [
            `active: ${status.activeKeyId}   waiting for re-wrap: ${status.rewrapRemaining}`,
            table(status.keys, [
              'id',
              'state',
              'sealedItems',
              'inKeyring',
              'activatedAt',
              'retiredAt',
            ]),
          ].join('\n'),
        );
      }),
    );

  keys
    .command('rotate')
    .description(
      "make a key active (default: the keyring file's activeKeyId); existing data keys are re-wrapped in the background",
    )
    .option('--key <keyId>', 'the key to activate')
    .action((opts: { key?: string }) =>
      run(async (ctx) => {
        const keyId = opts.key === undefined ? null : KeyIdSchema.safeParse(opts.key);
        if (keyId && !keyId.success) {
          throw new CliError(
            'validation-failed',
            '--key must be 1-64 of A-Z a-z 0-9 _ . -',
            ExitCodes.usage,
          );
        }
        const result = await ctx.rpc().call(VaultKeysRotate, { keyId: keyId ? keyId.data : null });
        emit(ctx.io, ctx.json, result, () => fields(result));
      }),
    );

  keys
    .command('retire')
    .description(
      'retire a former key nothing uses any more (refused while sealed items still need it)',
    )
    .argument('<keyId>', 'the key to retire')
    .action((id: string) =>
      run(async (ctx) => {
        const keyId = KeyIdSchema.safeParse(id);
        if (!keyId.success) {
          throw new CliError(
            'validation-failed',
            'keyId must be 1-64 of A-Z a-z 0-9 _ . -',
            ExitCodes.usage,
          );
        }
        const result = await ctx.rpc().call(VaultKeysRetire, { keyId: keyId.data });
        emit(ctx.io, ctx.json, result, () => fields(result));
      }),
    );
}
