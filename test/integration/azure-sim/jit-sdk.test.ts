/**
 * JIT through the official SDKs: `@azure/arm-security` (SecurityCenter) initiates and manages policies,
 * `@azure/arm-network` reads the NSG rules JIT writes. Configured only with `endpoint`, `credentialScopes` and the
 * simulator's CA (`tlsOptions`). The simulated clock is moved with `POST /_sim/clock/advance`.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkManagementClient, SecurityRule } from '@azure/arm-network';
import type { JitNetworkAccessPolicy, JitNetworkAccessRequest, SecurityCenter } from '@azure/arm-security';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { sdkClients } from '../../fixtures/sdk';
import { control, startTestSim } from '../../fixtures/sim';
import { collect, until } from '../../fixtures/wait';

// New rules carry Defender's 2023 names; the demo's nsg-snet-data keeps a deny rule named before the renaming.
const ALLOW_RE = /^MicrosoftDefenderForCloud-JITRule-(-?\d+)-[0-9A-F]{32}$/;
const DENY_RE = /^(?:MicrosoftDefenderForCloud|SecurityCenter)-JITRule_(-?\d+)_[0-9A-F]{32}$/;
const PROD = DEMO.prodSubscriptionId;
const LOC = DEMO.location;
const vmId = (name: string, rg = 'rg-servers', sub: string = PROD) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;

interface SdkError {
  statusCode?: number;
  code?: string;
  message: string;
}

/** Asserts the promise rejects with an ARM error of this status and code; returns the error for more checks. */
async function armFails(p: Promise<unknown>, status: number, code: string): Promise<SdkError> {
  try {
    await p;
  } catch (err) {
    const e = err as SdkError;
    assert.equal(e.statusCode, status, e.message);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${status} ${code}`);
}

describe('JIT through the official SDKs', () => {
  let sim: Simulator;
  let security: SecurityCenter;
  let securityAdmin: SecurityCenter;
  let securityJitOnly: SecurityCenter;
  let securityFinance: SecurityCenter;
  let network: NetworkManagementClient;
  let networkJitOnly: NetworkManagementClient;

  const now = () => sim.ctx.clock.nowMs();
  const endIn = (minutes: number) => new Date(now() + minutes * 60_000);
  const advance = (seconds: number) => control(sim, '/clock/advance', { seconds });
  const settings = (s: Record<string, unknown>) => control(sim, '/settings', s);
  const initiate = (
    vm: string,
    port: number,
    opts: { minutes?: number; source?: string; rg?: string; client?: SecurityCenter } = {},
  ) =>
    (opts.client ?? security).jitNetworkAccessPolicies.initiate(opts.rg ?? 'rg-servers', LOC, 'default', {
      virtualMachines: [
        {
          id: vmId(vm, opts.rg),
          ports: [
            {
              number: port,
              endTimeUtc: endIn(opts.minutes ?? 60),
              ...(opts.source !== undefined ? { allowedSourceAddressPrefix: opts.source } : {}),
            },
          ],
        },
      ],
      justification: 'integration test',
    });
  const rules = async (rg: string, nsg: string): Promise<SecurityRule[]> =>
    (await network.networkSecurityGroups.get(rg, nsg)).securityRules ?? [];
  const allowRules = async (rg: string, nsg: string) =>
    (await rules(rg, nsg)).filter((r) => ALLOW_RE.test(r.name ?? ''));
  const denyRules = async (rg: string, nsg: string) => (await rules(rg, nsg)).filter((r) => DENY_RE.test(r.name ?? ''));
  const waitAllow = (rg: string, nsg: string, count = 1) =>
    until(`${count} allow rule(s) in ${nsg}`, async () => {
      const a = await allowRules(rg, nsg);
      return a.length === count ? a : undefined;
    });
  const policy = (rg = 'rg-servers') => security.jitNetworkAccessPolicies.get(rg, LOC, 'default');

  before(async () => {
    sim = await startTestSim();
    ({ security, network } = sdkClients(sim, 'helpdesk', PROD));
    securityAdmin = sdkClients(sim, 'admin', PROD).security;
    ({ security: securityJitOnly, network: networkJitOnly } = sdkClients(sim, 'jitonly', PROD));
    securityFinance = sdkClients(sim, 'helpdesk', DEMO.financeSubscriptionId).security;
  });
  beforeEach(async () => {
    await control(sim, '/reset', { seed: 'demo' });
    await settings({ propagationMs: 0, sourceMatch: 'exact', newerRequestRevokes: true });
  });
  after(() => sim?.close());

  test('initiate: the allow rule appears with the right name, priority, port and source, and goes at endTimeUtc', async () => {
    const deny = await denyRules('rg-servers', 'VM-FS01-nsg');
    assert.equal(deny.length, 1, 'start() ensured the deny rule of the seeded policy');
    assert.equal(deny[0]!.priority, 4096);
    assert.equal(deny[0]!.access, 'Deny');
    assert.equal(deny[0]!.sourceAddressPrefix, '*');
    assert.equal(deny[0]!.protocol, '*', 'deny rules cover every protocol');
    assert.match(deny[0]!.name!, /^MicrosoftDefenderForCloud-JITRule_/);
    assert.equal(deny[0]!.description, "MDC JIT Network Access rule for policy 'default' of VM 'VM-FS01'.");
    assert.deepEqual(deny[0]!.destinationPortRanges, ['3389', '5985', '5986']);

    const t0 = Date.now();
    const req: JitNetworkAccessRequest = await initiate('VM-FS01', 3389, { minutes: 45, source: DEMO.p2sPool });
    const port = req.virtualMachines[0]!.ports[0]!;
    assert.equal(port.status, 'Initiating', 'the 202 answers before the rule is in place');
    assert.equal(port.statusReason, 'UserRequested');
    assert.equal(port.allowedSourceAddressPrefix, DEMO.p2sPool);
    assert.equal(req.requestor, '', 'as in the recorded live 202');
    assert.equal(req.justification, 'integration test');
    assert.ok(req.startTimeUtc instanceof Date);

    const [allow] = await waitAllow('rg-servers', 'VM-FS01-nsg');
    const latencyMs = Date.now() - t0;
    assert.ok(allow);
    assert.match(allow.name!, ALLOW_RE);
    assert.equal(
      ALLOW_RE.exec(allow.name!)![1],
      DENY_RE.exec(deny[0]!.name!)![1],
      'allow and deny share the VM number',
    );
    assert.equal(allow.priority, 100);
    assert.equal(allow.access, 'Allow');
    assert.equal(allow.direction, 'Inbound');
    assert.equal(allow.protocol, '*');
    assert.equal(allow.destinationPortRange, '3389');
    assert.equal(allow.sourceAddressPrefix, DEMO.p2sPool);
    assert.equal(allow.destinationAddressPrefix, '10.10.1.4');
    assert.equal(
      allow.description,
      "MDC JIT Network Access rule created by an initiation request for policy 'default' of VM 'VM-FS01'.",
    );
    process.stderr.write(
      `jit-sdk: allow rule visible through the SDK ${latencyMs} ms after initiate (propagationMs 0)\n`,
    );

    const p = await policy();
    assert.equal(p.requests?.length, 1);
    assert.equal(p.requests![0]!.virtualMachines[0]!.ports[0]!.status, 'Initiated');
    assert.equal(p.requests![0]!.requestor, 'helpdesk@contoso.com', 'later reads name the caller');

    await advance(44 * 60);
    assert.equal((await allowRules('rg-servers', 'VM-FS01-nsg')).length, 1, 'still there a minute before the end');
    await advance(61);
    assert.deepEqual(await allowRules('rg-servers', 'VM-FS01-nsg'), []);
    assert.equal((await denyRules('rg-servers', 'VM-FS01-nsg')).length, 1, 'the deny rule stays');
    const revoked = (await policy()).requests![0]!.virtualMachines[0]!.ports[0]!;
    assert.equal(revoked.status, 'Revoked');
    assert.equal(revoked.statusReason, 'Expired');
  });

  test('each mistake in an initiate is a 400 with its own code and a message that says what to do', async () => {
    let e = await armFails(initiate('vm-build01', 22), 400, 'VmNotInPolicy');
    assert.match(e.message, /vm-build01.*not in JIT policy 'default'.*covers: VM-FS01, vm-web01/);
    e = await armFails(initiate('VM-FS01', 22), 400, 'PortNotInPolicy');
    assert.match(e.message, /Port 22 .*its JIT ports are 3389, 5985, 5986/);
    e = await armFails(initiate('VM-FS01', 3389, { minutes: 4 * 60 }), 400, 'RequestedDurationExceedsMaximum');
    assert.match(e.message, /at most 3 hours \(PT3H\).*asks for (4 hours|3 hours 59 minutes)/);
    e = await armFails(initiate('VM-FS01', 3389, { minutes: -5 }), 400, 'EndTimeInPast');
    assert.match(e.message, /not in the future/);
    e = await armFails(initiate('vm-dc01', 3389, { source: '198.51.100.7' }), 400, 'SourceAddressNotAllowed');
    assert.match(e.message, /'198\.51\.100\.7' is not allowed .*10\.13\.1\.0\/24/);
    e = await armFails(initiate('vm-dc01', 3389), 400, 'SourceAddressNotAllowed');
    assert.match(e.message, /your address as the service sees it \(203\.0\.113\.7\)/);
    e = await armFails(initiate('VM-FS01', 3389, { source: '10.0.0.300' }), 400, 'InvalidInitiateInput');
    assert.match(e.message, /'10\.0\.0\.300'.*IPv4 address or CIDR/);
    await armFails(
      security.jitNetworkAccessPolicies.initiate('rg-servers', LOC, 'nope', {
        virtualMachines: [{ id: vmId('VM-FS01'), ports: [{ number: 3389, endTimeUtc: endIn(5) }] }],
      }),
      404,
      'PolicyNotFound',
    );
    assert.equal((await policy()).requests?.length ?? 0, 0, 'no failed request was recorded');
  });

  test("an omitted source becomes the caller's public address; a deallocated VM can be requested (the gate stays shut)", async () => {
    const req = await initiate('vm-web01', 22);
    assert.equal(req.virtualMachines[0]!.ports[0]!.allowedSourceAddressPrefix, DEMO.publicClientIp);
    const [allow] = await waitAllow('rg-servers', 'vm-web01-nsg');
    assert.equal(allow!.sourceAddressPrefix, DEMO.publicClientIp);
    const test01 = await initiate('vm-test01', 3389, { source: DEMO.p2sPool });
    assert.equal(test01.virtualMachines[0]!.ports[0]!.status, 'Initiating');
    await waitAllow('rg-servers', 'vm-test01-nsg');
  });

  test('the JIT-only user can initiate and read policies but gets 403 reading the NSG', async () => {
    const req = await initiate('VM-FS01', 3389, { client: securityJitOnly, source: DEMO.p2sPool });
    assert.equal(req.requestor, '');
    const e = await armFails(
      networkJitOnly.networkSecurityGroups.get('rg-servers', 'VM-FS01-nsg'),
      403,
      'AuthorizationFailed',
    );
    assert.match(e.message, /Microsoft\.Network\/networkSecurityGroups\/read/);
    // What it can do instead: watch the policy's requests.
    const p = await securityJitOnly.jitNetworkAccessPolicies.get('rg-servers', LOC, 'default');
    assert.equal(p.requests?.[0]?.requestor, 'jit-api@contoso.com');
  });

  test('helpdesk on the finance subscription gets 403 on initiate naming the action, but may read', async () => {
    const e = await armFails(
      securityFinance.jitNetworkAccessPolicies.initiate('rg-finance', LOC, 'default', {
        virtualMachines: [
          {
            id: vmId('vm-fin01', 'rg-finance', DEMO.financeSubscriptionId),
            ports: [{ number: 3389, endTimeUtc: endIn(30) }],
          },
        ],
      }),
      403,
      'AuthorizationFailed',
    );
    assert.match(e.message, /Microsoft\.Security\/locations\/jitNetworkAccessPolicies\/initiate\/action/);
    const listed = await collect(securityFinance.jitNetworkAccessPolicies.list());
    assert.deepEqual(
      listed.map((p) => p.id?.split('/')[4]),
      ['rg-finance'],
    );
  });

  test('a newer request marks the older NewerRequestInitiated and replaces its allow rule', async () => {
    await initiate('VM-FS01', 3389, { minutes: 30, source: DEMO.p2sPool });
    const [first] = await waitAllow('rg-servers', 'VM-FS01-nsg');
    await initiate('VM-FS01', 3389, { minutes: 120, source: DEMO.publicClientIp });
    const [second] = await until('the replacement rule', async () => {
      const a = await allowRules('rg-servers', 'VM-FS01-nsg');
      return a.length === 1 && a[0]!.name !== first!.name ? a : undefined;
    });
    assert.equal(second!.sourceAddressPrefix, DEMO.publicClientIp);
    const ports = (await policy()).requests!.map((r) => r.virtualMachines[0]!.ports[0]!);
    assert.deepEqual(
      ports.map((p) => [p.status, p.statusReason]),
      [
        ['Revoked', 'NewerRequestInitiated'],
        ['Initiated', 'UserRequested'],
      ],
    );
    // The older grant's end passes without touching the newer rule.
    await advance(31 * 60);
    assert.deepEqual(
      (await allowRules('rg-servers', 'VM-FS01-nsg')).map((r) => r.name),
      [second!.name],
    );
  });

  test('with newerRequestRevokes off an older grant stays Initiated beside the newer one', async () => {
    await settings({ newerRequestRevokes: false });
    await initiate('VM-FS01', 3389, { minutes: 30, source: DEMO.p2sPool });
    await initiate('VM-FS01', 3389, { minutes: 60, source: DEMO.publicClientIp });
    const both = await waitAllow('rg-servers', 'VM-FS01-nsg', 2);
    assert.deepEqual(both.map((r) => r.priority).sort(), [100, 101]);
    const ports = (await policy()).requests!.map((r) => r.virtualMachines[0]!.ports[0]!.status);
    assert.deepEqual(ports, ['Initiated', 'Initiated']);
  });

  test('a VM behind the Azure Firewall gets a mappedPort; the policy carries the firewall address', async () => {
    const req = await initiate('vm-legacy01', 3389);
    assert.equal(req.virtualMachines[0]!.ports[0]!.mappedPort, 50001);
    const entry = (await policy()).virtualMachines.find((v) => v.id.endsWith('/vm-legacy01'));
    assert.equal(entry?.publicIpAddress, DEMO.firewallPublicIp);
    const [allow] = await waitAllow('rg-servers', 'vm-legacy01-nsg');
    assert.equal(allow!.sourceAddressPrefix, DEMO.publicClientIp);
    assert.equal(allow!.destinationPortRange, '3389');
  });

  test('a VM with NSGs on subnet and NIC gets the allow (and deny) rule in both', async () => {
    await initiate('vm-dc01', 3389, { source: DEMO.p2sPool });
    const [nic] = await waitAllow('rg-servers', 'vm-dc01-nsg');
    const [subnet] = await waitAllow('rg-network', 'nsg-snet-identity');
    assert.equal(nic!.name, subnet!.name);
    assert.equal(subnet!.destinationAddressPrefix, '10.10.3.4');
    assert.equal((await denyRules('rg-network', 'nsg-snet-identity')).length, 1);
    assert.equal((await denyRules('rg-servers', 'vm-dc01-nsg')).length, 1);
    assert.ok(
      (await rules('rg-network', 'nsg-snet-identity')).some((r) => r.name === 'Allow-LDAP-from-VNet'),
      'user rule untouched',
    );
    const sql = await initiate('vm-sql01', 3389, { source: DEMO.p2sPool });
    assert.equal(sql.virtualMachines[0]!.ports[0]!.status, 'Initiating');
    const [sqlAllow] = await waitAllow('rg-network', 'nsg-snet-data');
    const [sqlDeny] = await denyRules('rg-network', 'nsg-snet-data');
    assert.match(sqlDeny!.name!, /^SecurityCenter-JITRule_/, 'the older NSG keeps its pre-2023 deny rule');
    assert.match(sqlAllow!.name!, /^MicrosoftDefenderForCloud-JITRule-/, 'a new grant gets the new name beside it');
    assert.equal(ALLOW_RE.exec(sqlAllow!.name!)![1], DENY_RE.exec(sqlDeny!.name!)![1], 'same VM number');
  });

  test('a policy put replaces the whole policy and manages deny rules; 56-character limit; delete', async () => {
    const fs01 = vmId('VM-FS01');
    const body: JitNetworkAccessPolicy = {
      kind: 'Basic',
      virtualMachines: [
        {
          id: fs01,
          ports: [
            { number: 22, protocol: 'TCP', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT1H' },
            { number: 3389, protocol: 'TCP', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT2H' },
          ],
        },
      ],
    };
    await armFails(
      security.jitNetworkAccessPolicies.createOrUpdate('rg-servers', LOC, 'default', body),
      403,
      'AuthorizationFailed',
    );
    const put = await securityAdmin.jitNetworkAccessPolicies.createOrUpdate('rg-servers', LOC, 'default', body);
    assert.deepEqual(
      put.virtualMachines.map((v) => v.id),
      [fs01],
      'the other five VMs are gone from the policy',
    );
    assert.equal(put.provisioningState, 'Succeeded');
    const [deny] = await denyRules('rg-servers', 'VM-FS01-nsg');
    assert.deepEqual(deny!.destinationPortRanges, ['22', '3389']);
    assert.deepEqual(await denyRules('rg-servers', 'vm-web01-nsg'), [], 'deny rules of removed VMs are cleaned up');
    assert.deepEqual(
      (await rules('rg-servers', 'vm-web01-nsg')).map((r) => r.name),
      ['Allow-HTTPS'],
      'user rules stay',
    );
    assert.deepEqual(await denyRules('rg-network', 'nsg-snet-identity'), []);
    assert.deepEqual(await denyRules('rg-network', 'nsg-snet-data'), [], 'the pre-2023 deny rule is cleaned up too');
    await armFails(initiate('vm-web01', 22), 400, 'VmNotInPolicy');

    // Policy name + VM name: 56 characters at most.
    const name50 = 'p'.repeat(49); // + "VM-FS01" (7) = 56
    await securityAdmin.jitNetworkAccessPolicies.createOrUpdate('rg-servers', LOC, name50, body);
    const e = await armFails(
      securityAdmin.jitNetworkAccessPolicies.createOrUpdate('rg-servers', LOC, `${name50}x`, body),
      400,
      'PolicyAndVmNameTooLong',
    );
    assert.match(e.message, /57 characters; JIT allows at most 56/);

    const listed = await collect(security.jitNetworkAccessPolicies.listByResourceGroupAndRegion('rg-servers', LOC));
    assert.deepEqual(listed.map((p) => p.name).sort(), ['default', name50]);
    await securityAdmin.jitNetworkAccessPolicies.delete('rg-servers', LOC, name50);
    await securityAdmin.jitNetworkAccessPolicies.delete('rg-servers', LOC, 'default');
    assert.deepEqual(await denyRules('rg-servers', 'VM-FS01-nsg'), [], "delete removes the policy's rules");
    await armFails(policy(), 404, 'ResourceNotFound');
  });

  test('sourceMatch: a prefixes policy needs an exact entry, or with "contains" any sub-range', async () => {
    let e = await armFails(
      initiate('vm-app01', 22, { rg: 'rg-app', source: DEMO.vpnClientIp }),
      400,
      'SourceAddressNotAllowed',
    );
    assert.match(e.message, /name one of these prefixes exactly: 10\.13\.1\.0\/24, 198\.51\.100\.0\/24/);
    const ok = await initiate('vm-app01', 22, { rg: 'rg-app', source: DEMO.p2sPool });
    assert.equal(ok.virtualMachines[0]!.ports[0]!.allowedSourceAddressPrefix, DEMO.p2sPool);
    await settings({ sourceMatch: 'contains' });
    const sub = await initiate('vm-app01', 22, { rg: 'rg-app', source: DEMO.vpnClientIp });
    assert.equal(sub.virtualMachines[0]!.ports[0]!.allowedSourceAddressPrefix, DEMO.vpnClientIp);
    e = await armFails(initiate('vm-app01', 22, { rg: 'rg-app', source: '192.0.2.1' }), 400, 'SourceAddressNotAllowed');
    assert.match(e.message, /inside one of: 10\.13\.1\.0\/24, 198\.51\.100\.0\/24/);
  });

  test('the propagation delay is respected on the simulated clock, fixed or random', async () => {
    await settings({ propagationMs: 120_000 });
    await initiate('VM-FS01', 3389, { source: DEMO.p2sPool });
    assert.deepEqual(await allowRules('rg-servers', 'VM-FS01-nsg'), []);
    await advance(119);
    assert.deepEqual(await allowRules('rg-servers', 'VM-FS01-nsg'), [], 'absent before the delay');
    await advance(2);
    assert.equal((await allowRules('rg-servers', 'VM-FS01-nsg')).length, 1, 'present after it');

    await settings({ propagationMs: { min: 30_000, max: 60_000 } });
    await initiate('vm-web01', 22, { source: DEMO.p2sPool });
    await advance(29);
    assert.deepEqual(await allowRules('rg-servers', 'vm-web01-nsg'), [], 'absent before the minimum');
    await advance(32);
    assert.equal((await allowRules('rg-servers', 'vm-web01-nsg')).length, 1, 'present after the maximum');
  });
});
