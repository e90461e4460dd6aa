#!/usr/bin/env node
/** The `jit-connect` executable: runs the CLI with this process's arguments and streams. */
import { runCli } from './main';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTty: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
