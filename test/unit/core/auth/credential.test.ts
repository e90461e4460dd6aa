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

test('the account is looked up inside the queue, never while another request reloads or saves the cache', async () => {
  let busy = false;
  const seen: boolean[] = [];
  const pca = {
    acquireTokenSilent: async () => {
      busy = true;
      await new Promise((r) => setTimeout(r, 5));
      busy = false;
      return { accessToken: 't', expiresOn: new Date(Date.now() + 60_000) };
    },
  };
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  // Reading the account reloads MSAL's persistent cache: it must not overlap a token request's own reload and save.
  const account = async () => {
    seen.push(busy);
    return { homeAccountId: 'o.t', tenantId: 't', username: 'u' } as AccountInfo;
  };
  const cred = (tenantId: string) =>
    sessionCredential({ pca: pca as never, account, authorityHost: 'https://login.example', tenantId, serialize });
  const first = cred('a').getToken('https://arm/.default');
  while (!busy) await new Promise((r) => setTimeout(r, 1));
  // A fan-out arriving while the first request is under way.
  await Promise.all([first, ...['b', 'c'].map((t) => cred(t).getToken('https://arm/.default'))]);
  assert.deepEqual(seen, [false, false, false]);
});

test('no account: the lookup’s own error, unchanged', async () => {
  const notSignedIn = Object.assign(new Error('You are not signed in.'), { code: 'not-signed-in' });
  const cred = sessionCredential({
    pca: { acquireTokenSilent: async () => assert.fail('no request without an account') } as never,
    account: async () => {
      throw notSignedIn;
    },
    authorityHost: 'https://login.example',
  });
  await assert.rejects(cred.getToken('https://arm/.default'), (e) => e === notSignedIn);
});
