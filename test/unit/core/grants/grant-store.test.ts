/**
 * The grant store: history lines with justification, outcome and the activity-log link of the right cloud's portal;
 * failures with their error code; the last port per VM; a torn line skipped; the cache replaced from Azure's view.
 */
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GrantStore, type StoredGrant } from '../../../../electron/core/grants/grant-store';
import { activityLogUrl, portalHost } from '../../../../electron/core/grants/portal-link';
import { resolveCloud } from '../../../../electron/core/cloud/cloud';
import { tempDir } from '../../../fixtures/sim';

const VM = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-FS01';

const grant = (port: number, endMin = 60): StoredGrant => ({
  vmId: VM,
  vmName: 'VM-FS01',
  port,
  source: '10.13.1.0/24',
  dialAddress: `10.10.1.4:${port}`,
  startTimeUtc: new Date().toISOString(),
  endTimeUtc: new Date(Date.now() + endMin * 60_000).toISOString(),
});

describe('GrantStore', () => {
  test('records requests and failures with justification, outcome and the activity log link', async () => {
    const store = new GrantStore(tempDir('jit-store-'), { cloud: resolveCloud('AzureUSGovernment') });
    await store.record(grant(3389), { justification: 'Ticket 1', tenantId: 't1', requestId: 'r-1' });
    await store.recordFailure({
      vmId: VM,
      vmName: 'VM-FS01',
      port: 5985,
      justification: 'Ticket 2',
      error: { code: 'duration-over-max', message: 'over' },
    });
    const [ok, failed] = await store.history();
    assert.equal(ok!.outcome, 'granted');
    assert.equal(ok!.justification, 'Ticket 1');
    assert.equal(ok!.requestId, 'r-1');
    assert.equal(ok!.activityLog, `https://portal.azure.us/#@t1/resource${VM}/activitylog`);
    assert.equal(failed!.outcome, 'failed');
    assert.equal(failed!.errorCode, 'duration-over-max');
    assert.equal(failed!.activityLog, `https://portal.azure.us/#resource${VM}/activitylog`);
    assert.equal(statSync(store.historyFile).mode & 0o777, 0o600);
  });

  test('the portal of each cloud', () => {
    assert.equal(portalHost(resolveCloud('AzureCloud')), 'portal.azure.com');
    assert.equal(portalHost(resolveCloud('AzureUSGovernment')), 'portal.azure.us');
    assert.equal(portalHost(resolveCloud('AzureChinaCloud')), 'portal.azure.cn');
    assert.equal(activityLogUrl('portal.azure.com', VM), `https://portal.azure.com/#resource${VM}/activitylog`);
  });

  test('last port per VM (any case of its id); a torn last line is skipped', async () => {
    const store = new GrantStore(tempDir('jit-store-'));
    assert.equal(await store.lastPortFor(VM), undefined);
    await store.record(grant(3389));
    await store.record(grant(5986));
    await store.recordFailure({ vmId: VM, vmName: 'VM-FS01', port: 22, error: { code: 'internal', message: 'x' } });
    appendFileSync(store.historyFile, '{"at":"2026-'); // a crash mid-write
    assert.equal(await store.lastPortFor(VM.toLowerCase()), 5986, 'the newest granted, not the failed one');
    assert.equal((await store.history()).length, 3);
  });

  test('the cache keeps one grant per VM and port and follows Azure', async () => {
    const store = new GrantStore(tempDir('jit-store-'));
    await store.record(grant(3389, 30), { justification: 'Ticket 3' });
    const extended = grant(3389, 90);
    await store.record(extended, { kind: 'extend' });
    assert.deepEqual(
      (await store.cached()).map((g) => g.endTimeUtc),
      [extended.endTimeUtc],
    );
    // Azure shows the grant (without the local dial address): what Azure does not say is kept.
    const { dialAddress: _d, ...fromAzure } = extended;
    await store.replaceCached([fromAzure as StoredGrant]);
    assert.equal((await store.cached())[0]!.dialAddress, '10.10.1.4:3389');
    await store.replaceCached([]);
    assert.deepEqual(await store.cached(), []);
    JSON.parse(readFileSync(store.cacheFile, 'utf8'));
  });

  test('an outcome is recorded once per grant', async () => {
    const store = new GrantStore(tempDir('jit-store-'));
    const g = grant(3389);
    await store.record(g);
    assert.equal(await store.recordOutcome(g, 'replaced', { replacedBy: 'colleague@contoso.com' }), true);
    assert.equal(await store.recordOutcome(g, 'replaced', { replacedBy: 'colleague@contoso.com' }), false);
    const lines = await store.history();
    assert.deepEqual(
      lines.map((l) => [l.kind, l.outcome, l.replacedBy]),
      [
        ['request', 'granted', undefined],
        ['outcome', 'replaced', 'colleague@contoso.com'],
      ],
    );
    assert.deepEqual(await store.cached(), []);
  });
});
