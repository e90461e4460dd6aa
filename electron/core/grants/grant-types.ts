/** The grant store's record shapes, and how grants are matched (by VM id case-insensitively, port and end time). */
import { idKey, sameId } from '../../../shared/azure/resource-id';
import type { Grant } from '../../../shared/domain/types';
import type { AppErrorData } from '../../../shared/errors/app-error';

/** A grant as cached: the domain grant plus where its policy is, so it can be extended without a new lookup. */
export interface StoredGrant extends Grant {
  tenantId?: string;
  policyId?: string;
  justification?: string;
  /** Azure's clock minus the local one when the grant was read, so reminders count down on Azure's clock. */
  azureOffsetMs?: number;
}

/** What became of a request. */
export type GrantOutcome = 'granted' | 'failed' | 'replaced' | 'expired';

/** One line of the history. */
export interface HistoryEntry {
  /** When the line was written (local clock, ISO). */
  at: string;
  /** `request` (connect), `extend`, or `outcome` (a later fact about an earlier request: replaced, expired). */
  kind: 'request' | 'extend' | 'outcome';
  vmId: string;
  vmName: string;
  port: number;
  source?: string;
  justification?: string;
  outcome: GrantOutcome;
  /** The AppError code of a failure. */
  errorCode?: string;
  message?: string;
  startTimeUtc?: string;
  endTimeUtc?: string;
  requestor?: string;
  /** Who replaced the grant (the newer request's requestor). */
  replacedBy?: string;
  /** Azure's correlation / request id, when the caller has one. */
  requestId?: string;
  /** The VM's activity log in the portal: the audit trail of this request. */
  activityLog: string;
}

/** What a request is recorded with. */
export interface RecordInfo {
  justification?: string;
  requestId?: string;
  kind?: 'request' | 'extend';
  tenantId?: string;
  policyId?: string;
}

/** A failed request. */
export interface FailureInfo extends RecordInfo {
  vmId: string;
  vmName: string;
  port: number;
  source?: string;
  error: AppErrorData;
}

/** The key of a grant: one VM and port. */
export function grantKey(g: { vmId: string; port: number }): string {
  return `${idKey(g.vmId)}|${g.port}`;
}

/** True when two grants are the same request's port (same VM, port and end time, whatever the time's spelling). */
export function sameGrant(
  a: { vmId: string; port: number; endTimeUtc: string },
  b: { vmId: string; port: number; endTimeUtc: string },
): boolean {
  return sameId(a.vmId, b.vmId) && a.port === b.port && Date.parse(a.endTimeUtc) === Date.parse(b.endTimeUtc);
}
