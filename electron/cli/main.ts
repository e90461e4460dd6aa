/**
 * The `jit-connect` command (DESIGN.md §5) on the same core as the app: argument parsing (commander), one JSON
 * document on stdout with `--json`, errors on stderr with their fix and a non-zero exit.
 */
import { Command, CommanderError, Option } from 'commander';
import { CliContext, type CliIo, type GlobalOptions } from './context';
import { errorData, errorText } from './output';
import { COMMANDS } from './commands/index';

/** Exit codes: 0 done, 1 failed (an error the user can act on), 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Builds the program; each command's action gets the parsed options and a context. */
export function buildProgram(io: CliIo, run: (ctx: CliContext, action: () => Promise<void>) => Promise<void>) {
  const program = new Command('jit-connect')
    .description('Just-in-time access to Azure VMs: sign in, list VMs, request access and connect.')
    .addOption(
      new Option(
        '--cloud <name|file>',
        'AzureCloud, AzureUSGovernment, AzureChinaCloud, or a cloud profile file',
      ).conflicts('demo'),
    )
    .option('--demo', 'use the built-in simulated Azure (demo mode)')
    .option('--tenant <id>', 'the tenant to sign in to or list (id or domain)')
    .option('--config-dir <dir>', 'where settings, the inventory cache and the token cache live')
    .option('--json', 'print one JSON document on stdout')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const def of COMMANDS) {
    const cmd = program.command(def.name).description(def.description);
    for (const opt of def.options ?? []) cmd.addOption(opt);
    if (def.args) cmd.arguments(def.args);
    cmd.action(async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const global = program.opts<GlobalOptions>();
      const ctx = new CliContext(io, global);
      await run(ctx, async () => {
        await ctx.loadPolicy();
        await def.run(ctx, command.opts(), command.args);
      });
    });
  }
  return program;
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, async (ctx, action) => {
    try {
      await action();
    } catch (err) {
      const data = errorData(err);
      if (ctx.opts.json) io.stderr(`${JSON.stringify({ error: data })}\n`);
      else io.stderr(`${errorText(data)}\n`);
      code = data.code === 'invalid-input' ? EXIT.usage : EXIT.failed;
    } finally {
      await ctx.close();
    }
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    io.stderr(`${errorText(errorData(err))}\n`);
    return EXIT.failed;
  }
  return code;
}
