/**
 * `launch`: carries out a plan through the ProcessRunner port. Files are written only readable by the user and
 * removed after use: when a client in this terminal exits, or (a window client, which reads its file at start) after
 * a grace period on the Clock. A failed step removes what it wrote and starts nothing more.
 */
import { AppError } from '../../../shared/errors/app-error';
import type { Clock, ProcessRunner } from '../ports';
import type { LaunchPlan } from './types';

/** The file operations a launch needs (Node's fs in the app; a map in tests). */
export interface LaunchFs {
  /** Creates a new file with `mode`; fails if it exists (never writes through a planted file or link). */
  writeNew(path: string, content: string, mode: number): Promise<void>;
  /** Removes a file; no error when it is already gone. */
  remove(path: string): Promise<void>;
}

/** What `launch` needs besides the plan. */
export interface LaunchDeps {
  runner: ProcessRunner;
  fs: LaunchFs;
  /** Times the removal of a window client's files. */
  clock: Clock;
  /** How long a window client may take to read its file (default 60 s). */
  fileGraceMs?: number;
}

/** What a launch did. */
export interface LaunchResult {
  pid?: number;
  /** The exit code of a client run in this terminal. */
  exitCode?: number | null;
  /** A window client: settles when it exits (when the runner can tell). */
  exited?: Promise<number | null>;
  /** Settles when the plan's files are removed (at once for a waited client, after the grace period otherwise). */
  cleanedUp: Promise<void>;
}

/** Default time a window client is given to read its connection file before it is removed. */
export const FILE_GRACE_MS = 60_000;

/** Writes the plan's files, runs its steps and its client, removes the files after use. */
export async function launch(plan: LaunchPlan, deps: LaunchDeps): Promise<LaunchResult> {
  const removeAll = async () => {
    for (const p of plan.deleteAfter ?? []) await deps.fs.remove(p);
  };
  try {
    for (const f of plan.files) await deps.fs.writeNew(f.path, f.content, f.mode);
    for (const step of plan.prepare ?? []) {
      const r = await deps.runner.run(step, { wait: true });
      if (r.exitCode !== 0) {
        throw new AppError({
          code: 'internal',
          message: `${step[0]} failed (exit code ${r.exitCode}); the client was not started.`,
          fix: step[0] === 'rdpsign' ? 'Check that the signing certificate is installed with its private key.' : '',
        });
      }
    }
    const run = await deps.runner.run(plan.argv, {
      wait: plan.wait,
      inheritStdio: plan.wait,
      ...(plan.stdin !== undefined ? { stdin: plan.stdin } : {}),
    });
    if (plan.wait) {
      await removeAll();
      return { ...run, cleanedUp: Promise.resolve() };
    }
    const started = {
      ...(run.pid !== undefined ? { pid: run.pid } : {}),
      ...(run.exited ? { exited: run.exited } : {}),
    };
    if (!plan.deleteAfter?.length) return { ...started, cleanedUp: Promise.resolve() };
    const cleanedUp = new Promise<void>((resolve, reject) => {
      deps.clock.setTimeout(() => removeAll().then(resolve, reject), deps.fileGraceMs ?? FILE_GRACE_MS);
    });
    return { ...started, cleanedUp };
  } catch (err) {
    // Written files must not outlive a launch that did not happen (created ones only: writeNew refuses others).
    await removeAll();
    throw err;
  }
}
