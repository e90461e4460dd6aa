/**
 * Policies' requests turned into grants: "mine" by requestor, or by the local history where Azure left requestor
 * empty (as the recorded live answers show it right after initiate); newest per VM and port; only live ports;
 * remaining time on Azure's clock; replaced grants named.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { JitNetworkAccessPolicy, JitNetworkAccessRequest } from '@azure/arm-security';
import { grantsFromPolicies, type PolicyView } from '../../../../electron/core/grants/grants-view';
import type { HistoryEntry } from '../../../../electron/core/grants/grant-store';
import type { Vm } from '../../../../shared/domain/types';

const NOW = Date.parse('2026-05-01T10:00:00Z');
const VM_ID = '/subscriptions/s/resourceGroups/RG-SERVERS/providers/Microsoft.Compute/virtualMachines/VM-FS01';
const POLICY =
  '/subscriptions/s/resourceGroups/rg-servers/providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/default';

const vm: Vm = {
  id: VM_ID,
  name: 'VM-FS01',
  resourceGroup: 'rg-servers',
  subscriptionId: 's',
  subscriptionName: 'Prod',
  tenantId: 't',
  location: 'westeurope',
  osType: 'Windows',
  powerState: 'running',
  privateIp: '10.10.1.4',
  publicIp: '20.0.0.1',
  nsgs: {},
  p2sPools: [],
  jit: { state: 'configured', ports: [], policyId: POLICY },
};

const at = (min: number) => new Date(NOW + min * 60_000);

function request(requestor: string, startMin: number, endMin: number, status = 'Initiated', reason = 'UserRequested') {
  return {
    // JIT policies spell VM ids in lower case: matched case-insensitively.
    virtualMachines: [
      {
        id: VM_ID.toLowerCase(),
        ports: [
          {
            number: 3389,
            allowedSourceAddressPrefix: '10.13.1.0/24',
            endTimeUtc: at(endMin),
            status,
            statusReason: reason,
          },
        ],
      },
    ],
    startTimeUtc: at(startMin),
    requestor,
  } as JitNetworkAccessRequest;
}

const view = (requests: JitNetworkAccessRequest[], azureOffsetMs = 0): PolicyView => ({
  policyId: POLICY,
  tenantId: 't',
  azureOffsetMs,
  policy: { virtualMachines: [], requests } as JitNetworkAccessPolicy,
});

const granted = (endMin: number): HistoryEntry => ({
  at: at(-1).toISOString(),
  kind: 'request',
  vmId: VM_ID,
  vmName: 'VM-FS01',
  port: 3389,
  outcome: 'granted',
  // Azure echoes the end as sent; the history may spell it with fewer digits.
  endTimeUtc: at(endMin).toISOString().replace('.000Z', 'Z'),
  activityLog: '',
});

describe('grantsFromPolicies', () => {
  test('an empty requestor is mine when the history has the request; otherwise not', () => {
    const views = [view([request('', -1, 60, 'Initiating')])];
    const withHistory = grantsFromPolicies(views, [vm], {
      account: 'helpdesk@contoso.com',
      history: [granted(60)],
      cached: [],
      now: NOW,
    });
    assert.equal(withHistory.grants.length, 1);
    assert.equal(withHistory.grants[0]!.mine, true);
    assert.equal(withHistory.grants[0]!.requestor, 'helpdesk@contoso.com');
    assert.equal(withHistory.grants[0]!.status, 'Initiating');
    const without = grantsFromPolicies(views, [vm], {
      account: 'helpdesk@contoso.com',
      history: [],
      cached: [],
      now: NOW,
    });
    assert.deepEqual(without.grants, []);
    const all = grantsFromPolicies(views, [vm], { all: true, history: [], cached: [], now: NOW });
    assert.equal(all.grants[0]!.mine, false);
  });

  test('requestor compared case-insensitively; remaining time on Azure’s clock', () => {
    const views = [view([request('HelpDesk@Contoso.com', -1, 60)], 5 * 60_000)];
    const { grants } = grantsFromPolicies(views, [vm], {
      account: 'helpdesk@contoso.com',
      history: [],
      cached: [],
      now: NOW,
    });
    assert.equal(grants[0]!.remainingSeconds, 55 * 60, 'Azure is 5 minutes ahead of us');
    assert.equal(grants[0]!.vmId, VM_ID, 'the inventory’s spelling of the id');
    assert.equal(grants[0]!.dialAddress, '10.10.1.4:3389', 'a private source: the private IP');
  });

  test('newest per VM and port; ended or revoked ports are not live', () => {
    const me = 'helpdesk@contoso.com';
    const ctx = { account: me, history: [], cached: [], now: NOW };
    assert.deepEqual(grantsFromPolicies([view([request(me, -90, -30)])], [vm], ctx).grants, [], 'ended');
    assert.deepEqual(
      grantsFromPolicies([view([request(me, -10, 30, 'Revoked', 'Expired')])], [vm], ctx).grants,
      [],
      'revoked',
    );
    const two = grantsFromPolicies(
      [view([request(me, -20, 10, 'Revoked', 'NewerRequestInitiated'), request(me, -5, 120)])],
      [vm],
      ctx,
    );
    assert.equal(two.grants.length, 1);
    assert.equal(two.grants[0]!.endTimeUtc, at(120).toISOString());
    assert.deepEqual(two.replaced, [], 'replaced by my own request (extend) is not "replaced"');
  });

  test('my grant replaced by someone else’s newer request says by whom', () => {
    const me = 'helpdesk@contoso.com';
    const views = [
      view([request(me, -20, 40, 'Revoked', 'NewerRequestInitiated'), request('colleague@contoso.com', -5, 60)]),
    ];
    const mine = grantsFromPolicies(views, [vm], { account: me, history: [], cached: [], now: NOW });
    assert.deepEqual(mine.grants, []);
    assert.equal(mine.replaced.length, 1);
    assert.equal(mine.replaced[0]!.message, 'replaced by colleague@contoso.com');
    const all = grantsFromPolicies(views, [vm], { account: me, all: true, history: [], cached: [], now: NOW });
    assert.equal(all.grants[0]!.requestor, 'colleague@contoso.com');
  });

  test('VMs I cannot see are left out', () => {
    const { grants } = grantsFromPolicies([view([request('x@contoso.com', -1, 60)])], [], {
      all: true,
      history: [],
      cached: [],
      now: NOW,
    });
    assert.deepEqual(grants, []);
  });
});
