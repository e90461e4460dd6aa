import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountInfo } from '@azure/msal-node';
import { sessionCredential } from '../../../../electron/core/auth/credential';

test('silent token requests run one at a time through the session queue, failures included', async () => {
  let running = 0;
  let most = 0;
  let calls = 0;
  const pca = {
    acquireTokenSilent: async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (++calls === 2) throw Object.assign(new Error('boom'), { errorCode: 'network_error' });
      return { accessToken: `t${calls}`, expiresOn: new Date(Date.now() + 60_000) };
    },
  };
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const account = async () => ({ homeAccountId: 'o.t', tenantId: 't', username: 'u' }) as AccountInfo;
  const cred = (tenantId: string) =>
    sessionCredential({ pca: pca as never, account, authorityHost: 'https://login.example', tenantId, serialize });
  const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((t) => cred(t).getToken('https://arm/.default')));
  assert.equal(most, 1, 'never two at once');
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
  );
});
