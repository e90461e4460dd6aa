/** Typed errors with a code, a message and the fix to suggest; serialisable across IPC and the CLI. */

/** Every error code the app can report. */
export const ERROR_CODES = [
  'not-signed-in',
  'interaction-required',
  'missing-permission',
  'vm-not-found',
  'vm-ambiguous',
  'jit-not-enabled',
  'port-not-in-policy',
  'duration-over-max',
  'source-not-allowed',
  'any-source-needs-confirmation',
  'no-vpn-pool',
  'no-path',
  'vm-not-running',
  'rule-timeout',
  'port-blocked',
  'throttled',
  'network',
  'cancelled',
  'client-not-found',
  'invalid-input',
  'azure-error',
  'internal',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The plain shape of an error, safe to send over IPC or print as JSON. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
  /** What the user can do about it, in one sentence. */
  fix?: string;
  /** Azure's own error code, when the error came from Azure. */
  azureCode?: string;
}

/** An error the user can act on. */
export class AppError extends Error implements AppErrorData {
  readonly code: ErrorCode;
  readonly fix?: string;
  readonly azureCode?: string;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'AppError';
    this.code = data.code;
    if (data.fix !== undefined) this.fix = data.fix;
    if (data.azureCode !== undefined) this.azureCode = data.azureCode;
  }

  /** The serialisable form. */
  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.fix !== undefined) data.fix = this.fix;
    if (this.azureCode !== undefined) data.azureCode = this.azureCode;
    return data;
  }

  /** Rebuilds an error from its serialisable form. */
  static fromData(data: AppErrorData): AppError {
    return new AppError(data);
  }
}

/** True for an {@link AppError} or anything carrying its shape. */
export function isAppErrorData(value: unknown): value is AppErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.message === 'string' && typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code)
  );
}
