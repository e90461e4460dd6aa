/**
 * The Node adapters of a launch: a ProcessRunner on child_process.spawn (argv, never a shell; a window client
 * detached so it outlives the CLI; a client in this terminal with the terminal's stdio) and the files on Node's fs.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { AppError } from '../../../shared/errors/app-error';
import type { ProcessRunner } from '../ports';
import type { LaunchFs } from './launch';

/** Runs programs with child_process.spawn, `shell: false`. */
export const nodeRunner: ProcessRunner = {
  run(argv, options) {
    const [program, ...args] = argv;
    if (!program) return Promise.reject(new Error('empty argv'));
    const out = options.capture ? 'pipe' : options.inheritStdio ? 'inherit' : 'ignore';
    const stdin = options.stdin !== undefined ? 'pipe' : options.inheritStdio ? 'inherit' : 'ignore';
    return new Promise((resolve, reject) => {
      const child = spawn(program, args, {
        shell: false,
        // A window client must outlive this process (and on Windows gets a console window of its own).
        detached: !options.wait,
        stdio: [stdin, out, out],
        windowsHide: false,
        ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
        ...(options.env !== undefined ? { env: { ...process.env, ...options.env } } : {}),
      });
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'ENOENT'
            ? new AppError({
                code: 'client-not-found',
                message: `${program} was not found.`,
                fix: 'Install it, or name the program to use in the settings (clients).',
              })
            : err,
        ),
      );
      if (options.stdin !== undefined && child.stdin) {
        child.stdin.on('error', () => {}); // a client that exits without reading must not crash the app (EPIPE)
        child.stdin.end(options.stdin);
      }
      const captured = { stdout: '', stderr: '' };
      child.stdout?.setEncoding('utf8').on('data', (d: string) => (captured.stdout += d));
      child.stderr?.setEncoding('utf8').on('data', (d: string) => (captured.stderr += d));
      if (options.wait) {
        // With capture, 'close' (not 'exit') so the output is complete.
        child.once(options.capture ? 'close' : 'exit', (code: number | null) =>
          resolve({
            ...(child.pid !== undefined ? { pid: child.pid } : {}),
            exitCode: code,
            ...(options.capture ? captured : {}),
          }),
        );
      } else {
        // Unref'd, the child does not keep this process alive, but its exit is still reported while we run.
        const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
        child.once('spawn', () => {
          child.unref();
          resolve({ ...(child.pid !== undefined ? { pid: child.pid } : {}), exited });
        });
      }
    });
  },
};

/** Launch files on Node's fs: created exclusively (`wx`) with the given mode. */
export const nodeLaunchFs: LaunchFs = {
  async writeNew(path, content, mode) {
    const handle = await open(path, 'wx', mode);
    try {
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
  },
  async remove(path) {
    await rm(path, { force: true });
  },
};

/**
 * Is `program` on PATH (a `which`): the request's `lookup` in the app. On Windows each PATHEXT extension is tried
 * (`wt` is `wt.exe`, an app execution alias in WindowsApps).
 */
export function nodeLookup(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';')] : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      try {
        accessSync(join(dir, program + ext), constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}
