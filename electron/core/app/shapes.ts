/**
 * Core's objects turned into exactly what the contract's result schemas allow: fields are picked, never spread, so a
 * field added to a core type (a policy id, an offset, a path) does not cross the IPC boundary by accident.
 */
import type { SignedInAccount } from '../auth/auth-session';
import type { HistoryEntry, ListedGrant } from '../grants/index';
import type { Grant } from '../../../shared/domain/types';
import type { RequestResult } from '../../../shared/ipc/contract';

type Account = RequestResult<'session:signIn'>;
type History = RequestResult<'grants:history'>[number];

/** Copies the keys of `src` that are defined (absent stays absent: the strict schemas have no `undefined`). */
function defined<T extends object, K extends keyof T>(src: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

/** The account as the UI shows it (no MSAL ids). */
export function accountView(a: SignedInAccount): Account {
  return { username: a.username, tenantId: a.tenantId, ...(a.name ? { name: a.name } : {}) };
}

/** A grant as the contract's GrantSchema has it. */
export function grantView(g: Grant): Grant {
  return defined(g, [
    'vmId',
    'vmName',
    'port',
    'source',
    'dialAddress',
    'startTimeUtc',
    'endTimeUtc',
    'ruleName',
    'requestor',
  ] as const);
}

/** A live grant with its remaining time and whose it is. */
export function liveGrantView(g: ListedGrant) {
  return {
    ...grantView(g),
    remainingSeconds: g.remainingSeconds,
    mine: g.mine,
    status: g.status,
    ...(g.justification !== undefined ? { justification: g.justification } : {}),
  };
}

/** One history line. */
export function historyView(h: HistoryEntry): History {
  return defined(h, [
    'at',
    'kind',
    'vmId',
    'vmName',
    'port',
    'source',
    'justification',
    'outcome',
    'errorCode',
    'message',
    'startTimeUtc',
    'endTimeUtc',
    'requestor',
    'replacedBy',
    'requestId',
    'activityLog',
  ] as const);
}
