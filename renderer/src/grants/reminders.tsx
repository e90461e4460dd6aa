/**
 * Reminders in the window: `grant:expiring` as a warning with Extend, `grant:expired` and keep-access's `keepAccess:notified`
 * as quiet notices.
 */
import { useEffect, useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { EventPayload, JitConnectApi } from '../../../shared/ipc/contract';

type Grant = EventPayload<'grant:expiring'>['grant'];

/** One reminder on screen. */
export interface Notice {
  key: string;
  kind: 'expiring' | 'expired' | 'kept';
  /** The grant (reminders); keep-access's notices carry their own title instead. */
  grant?: Grant;
  title?: string;
  text: string;
}

const keyOf = (g: Grant) => `${g.vmId.toLowerCase()}:${g.port}`;

/** The reminders core sent, newest per grant; `dismiss` removes one (Extend or the close button). */
export function useReminders(api: JitConnectApi) {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    // A later event about the same grant replaces the earlier one: one notice per grant, never a pile.
    const put = (n: Notice) => setNotices((all) => [...all.filter((x) => x.key !== n.key), n]);
    const a = api.on('grant:expiring', (e) =>
      put({ key: keyOf(e.grant), kind: 'expiring', grant: e.grant, text: e.text }),
    );
    const b = api.on('grant:expired', (e) =>
      put({ key: keyOf(e.grant), kind: 'expired', grant: e.grant, text: e.text }),
    );
    const c = api.on('keepAccess:notified', (e) =>
      put({ key: `kept:${e.key.toLowerCase()}`, kind: 'kept', title: e.title, text: e.text }),
    );
    return () => {
      a();
      b();
      c();
    };
  }, [api]);
  return { notices, dismiss: (key: string) => setNotices((all) => all.filter((n) => n.key !== key)) };
}

/** The notices: an expiring grant's text with Extend; an expired one as information to close. */
export function Reminders({
  notices,
  busy,
  onExtend,
  onDismiss,
}: {
  notices: Notice[];
  busy: boolean;
  onExtend: (n: Notice) => void;
  onDismiss: (key: string) => void;
}) {
  return (
    <>
      {notices.map((n) => (
        <MessageBar
          key={n.key}
          intent={n.kind === 'expiring' ? 'warning' : 'info'}
          layout="multiline"
          data-testid={`reminder-${n.kind}`}
          // A polite live region: the reminder is announced without interrupting what the person is doing.
          politeness="polite"
        >
          <MessageBarBody>
            <MessageBarTitle>
              {n.title ?? `${n.grant?.vmName}:${n.grant?.port} ${n.kind === 'expiring' ? 'ends soon' : 'ended'}`}
            </MessageBarTitle>
            {n.text}
          </MessageBarBody>
          <MessageBarActions>
            {n.kind === 'expiring' && (
              <Button size="small" disabled={busy} onClick={() => onExtend(n)}>
                Extend
              </Button>
            )}
            <Button size="small" appearance="transparent" onClick={() => onDismiss(n.key)}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </>
  );
}
