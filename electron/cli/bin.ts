#!/usr/bin/env node
/** The `jit-connect` executable: runs the CLI with this process's arguments and streams. */
import { createInterface } from 'node:readline/promises';
import { runCli } from './main';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTty: Boolean(process.stderr.isTTY),
  stdinIsTty: Boolean(process.stdin.isTTY),
  // Questions go to stderr: stdout stays for results.
  ask: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
