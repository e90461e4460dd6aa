/** Grants: the local store and history, Azure's view of live grants, reminders, extend, and enable (admin). */
export {
  GrantStore,
  grantKey,
  sameGrant,
  type StoredGrant,
  type HistoryEntry,
  type GrantOutcome,
  type RecordInfo,
  type FailureInfo,
} from './grant-store';
export {
  listGrants,
  type GrantList,
  type ListGrantsOptions,
  type ListedGrant,
  type ReplacedGrant,
} from './list-grants';
export { grantsFromPolicies, type PolicyView, type ViewContext } from './grants-view';
export { Reminders, reminderText, type ReminderEvent, type RemindersOptions } from './reminders';
export { extend, type ExtendOptions, type ExtendableGrant, type ExtendedGrant } from './extend';
export { KeepAccess, type KeepAccessEvent, type KeepAccessOptions, type KeptGrant } from './keep-access';
export { enable, type EnableOptions, type EnableResult } from './enable';
export { activityLogUrl, portalHost } from './portal-link';
export { recordConnectFailure, recordGrants } from './record-connect';
