/** ARM's error envelope (`CloudError`): `{ error: { code, message, target?, details?, additionalInfo? } }`. */
import type { SimResponse } from '../http/router';

/** An error a handler throws to answer with ARM's envelope. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: {
      target?: string;
      details?: Array<{ code: string; message: string; target?: string }>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
  }
}

/** An ARM error response. */
export function armError(status: number, code: string, message: string, extra: ArmError['extra'] = {}): SimResponse {
  const error: Record<string, unknown> = { code, message };
  if (extra.target) error.target = extra.target;
  if (extra.details) error.details = extra.details;
  return { status, json: { error }, headers: extra.headers ?? {} };
}

/** 404 for a missing resource, as ARM words it. */
export function notFound(type: string, name: string, resourceGroup?: string): ArmError {
  return new ArmError(
    404,
    'ResourceNotFound',
    resourceGroup
      ? `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`
      : `The Resource '${type}/${name}' was not found.`,
  );
}

/** 400 for a request body ARM cannot use. */
export function badRequest(code: string, message: string, target?: string): ArmError {
  return new ArmError(400, code, message, target ? { target } : {});
}
