import { Command, CommanderError } from 'commander';
import { CliError, ExitCodes } from './cli-error';
import { accountsCommand } from './commands/accounts';
import { deadLettersCommand } from './commands/dead-letters';
import { keysCommand } from './commands/keys';
import { lagCommand } from './commands/lag';
import { migrateCommand } from './commands/migrate';
import { refreshCommand } from './commands/refresh';
import { CommandContext } from './context';
import { readEnv } from './env';
import type { Io } from './output';

const HELP_FOOTER = `
Environment:
  SWITCHBOARD_URL, SWITCHBOARD_API_KEY   the gateway and an admin API key (accounts, refresh)
  NATS_URL, NATS_USER, NATS_PASSWORD     NATS as the "ops" user (keys, dead-letters, lag, refresh)
  NATS_NAMESPACE                         only where the deployment sets one
  DATABASE_URL                           migrate
Add --json to any command for machine-readable output.`;

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs one CLI invocation (`argv` without node and the script) and resolves to its exit code. */
export async function runCli(
  argv: string[],
  io: Io = processIo,
  source: Record<string, string | undefined> = process.env,
): Promise<number> {
  const json = argv.includes('--json');
  let exitCode = 0;
  const fail = (error: unknown): void => {
    const known =
      error instanceof CliError
        ? error
        : new CliError('internal', error instanceof Error ? error.message : String(error));
    io.err(
      json
        ? JSON.stringify({ error: { code: known.code, message: known.message } })
        : `error: ${known.code}: ${known.message}`,
    );
    exitCode = known.exitCode;
  };

  const run = async (fn: (ctx: CommandContext) => Promise<void>): Promise<void> => {
    let ctx: CommandContext | undefined;
    try {
      ctx = new CommandContext(readEnv(source), io, json);
      await fn(ctx);
      exitCode = ctx.exitCode;
    } catch (error) {
      fail(error);
    } finally {
      await ctx?.close();
    }
  };

  const program = new Command('switchboard')
    .description('Switchboard operator CLI: accounts, refreshes, keys, dead letters, lag')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .addHelpText('after', HELP_FOOTER)
    .showHelpAfterError();
  for (const register of [
    accountsCommand,
    refreshCommand,
    keysCommand,
    deadLettersCommand,
    lagCommand,
    migrateCommand,
  ]) {
    register(program, run);
  }
  // every subcommand accepts --json too
  for (const command of program.commands.flatMap((c) => [c, ...c.commands])) {
    command.option('--json', 'machine-readable output').exitOverride();
    command.configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : ExitCodes.usage;
    }
    fail(error);
  }
  return exitCode;
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
