/** Any failure as an AppError: the faces send only its data (code, message, fix), never a stack or a raw error. */
import { AppError } from '../../../shared/errors/app-error';

/** `err` if it is an AppError, else an `internal` one carrying only the message. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError({ code: 'internal', message: `Something went wrong: ${message}` });
}
