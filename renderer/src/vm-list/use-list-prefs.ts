/**
 * The VM list's preferences kept in core's settings (so they survive a restart and are the same in every shell):
 * the favourites (resource ids, compared case-insensitively) and the grouping.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JitConnectApi } from '../../../shared/ipc/contract';
import { idKey } from '../../../shared/azure/resource-id';
import { toggleFavourite, type GroupBy } from './vm-groups';

const GROUPS: readonly GroupBy[] = ['none', 'subscription', 'resource-group'];

/** Favourites and grouping, loaded from `settings:get` and saved with `settings:set`. */
export function useListPrefs(api: JitConnectApi) {
  const [favourites, setFavourites] = useState<string[]>([]);
  const [groupBy, setGroupByState] = useState<GroupBy>('none');
  const [error, setError] = useState<string | undefined>();
  // The latest list, so quick successive toggles build on each other rather than on a stale render.
  const latest = useRef<string[]>([]);
  useEffect(() => {
    void api.call('settings:get', {}).then(
      ({ settings }) => {
        const favs = Array.isArray(settings.favourites) ? settings.favourites.filter((x) => typeof x === 'string') : [];
        latest.current = favs;
        setFavourites(favs);
        const g = settings.vmGroupBy as GroupBy;
        if (GROUPS.includes(g)) setGroupByState(g);
      },
      () => undefined,
    );
  }, [api]);
  const save = useCallback(
    (patch: Record<string, unknown>) =>
      api.call('settings:set', { patch }).then(
        () => setError(undefined),
        (e: unknown) => setError((e as { message?: string }).message ?? String(e)),
      ),
    [api],
  );
  const toggle = useCallback(
    (id: string) => {
      const next = toggleFavourite(latest.current, id);
      latest.current = next;
      setFavourites(next);
      void save({ favourites: next });
    },
    [save],
  );
  const setGroupBy = useCallback(
    (g: GroupBy) => {
      setGroupByState(g);
      void save({ vmGroupBy: g });
    },
    [save],
  );
  const favouriteKeys = useMemo(() => new Set(favourites.map(idKey)), [favourites]);
  return { favouriteKeys, toggleFavourite: toggle, groupBy, setGroupBy, error };
}
