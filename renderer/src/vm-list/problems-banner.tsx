/**
 * The inventory's problems as one quiet banner: a line per subscription naming what could not be read, the full
 * messages (with their fix) behind "Details", so a role that may read little (the API-only JIT role) keeps its list.
 */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { RequestResult } from '../../../shared/ipc/contract';

type Problem = RequestResult<'vms:list'>['problems'][number];

/** The banner, or nothing when every read succeeded. */
export function ProblemsBanner({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  const bySub = new Map<string, string[]>();
  for (const p of problems) {
    const name = p.subscriptionName ?? p.tenantId;
    bySub.set(name, [...(bySub.get(name) ?? []), p.what]);
  }
  const summary = [...bySub.entries()].map(([name, what]) => `${name} (${[...new Set(what)].join(', ')})`).join('; ');
  return (
    <MessageBar intent="info" layout="multiline" className="problems">
      <MessageBarBody>
        {bySub.size} subscription{bySub.size > 1 ? 's' : ''} could not be read fully: {summary}
        <details>
          <summary>Details</summary>
          <ul className="problem-details">
            {problems.map((p, i) => (
              <li key={i}>
                {p.message}
                {p.fix ? ` ${p.fix}` : ''}
              </li>
            ))}
          </ul>
        </details>
      </MessageBarBody>
    </MessageBar>
  );
}
