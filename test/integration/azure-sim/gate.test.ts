/**
 * The simulator's TCP gate with a real echo server on 127.0.0.1 as the backend: it listens (and forwards both ways)
 * only while the VM's NSGs let the client in, over the path dialled (VPN to the private address, public address,
 * Azure Firewall DNAT). Traffic goes to 127.0.0.1 only; every wait polls with a deadline.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { SecurityCenter } from '@azure/arm-security';
import type { Simulator } from '../../../electron/azure-sim/index';
import { inboundRule } from '../../../electron/azure-sim/seeds/nsg-builders';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import type { ArmResource, NsgProperties } from '../../../electron/azure-sim/model/resources';
import { gateEndpoints, startEcho, tryConnect, type GateEndpoint } from '../../fixtures/gate';
import { sdkClients } from '../../fixtures/sdk';
import { control, mintArmToken, simFetch, startTestSim } from '../../fixtures/sim';
import { until } from '../../fixtures/wait';

const vmId = (name: string, rg = 'rg-servers') =>
  `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const nsgId = (name: string, rg = 'rg-servers') =>
  `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/${rg}/providers/Microsoft.Network/networkSecurityGroups/${name}`;

/** Sends bytes and waits until the same bytes come back. */
function roundTrip(sock: net.Socket, payload: Buffer, timeoutMs = 5000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const timer = setTimeout(
      () => reject(new Error(`echo timed out after ${got} of ${payload.length} bytes`)),
      timeoutMs,
    );
    const onData = (c: Buffer) => {
      chunks.push(c);
      got += c.length;
      if (got >= payload.length) {
        clearTimeout(timer);
        sock.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    sock.on('data', onData);
    sock.write(payload);
  });
}

describe('TCP gate', () => {
  let sim: Simulator;
  let echo: Awaited<ReturnType<typeof startEcho>>;
  let security: SecurityCenter;
  const open: net.Socket[] = [];

  const addr = (key: string) => {
    const v = sim.profile.addressMap?.[key];
    assert.ok(v, `no addressMap entry for ${key}: ${JSON.stringify(sim.profile.addressMap)}`);
    return v;
  };
  const gateState = async (key: string): Promise<GateEndpoint> => {
    const ep = (await gateEndpoints(sim)).find((e) => e.dial === key);
    assert.ok(ep, `gate has no endpoint for ${key}`);
    return ep;
  };
  const refused = async (key: string) => {
    const r = await tryConnect(addr(key));
    if (r !== 'refused') {
      r.destroy();
      assert.fail(`${key} accepted a connection`);
    }
  };
  const connectWhenOpen = (key: string, timeoutMs = 5000) =>
    until(
      `${key} to accept`,
      async () => {
        const r = await tryConnect(addr(key));
        if (r === 'refused') return undefined;
        open.push(r);
        return r;
      },
      timeoutMs,
    );
  const refusedWhenClosed = (key: string, timeoutMs = 5000) =>
    until(
      `${key} to refuse`,
      async () => {
        const r = await tryConnect(addr(key));
        if (r === 'refused') return true;
        r.destroy();
        return undefined;
      },
      timeoutMs,
    );
  /** Waits until the gate has judged the endpoint with a reason matching `re` (so a "still refused" means something). */
  const judged = (key: string, re: RegExp) =>
    until(`${key} judged ${re}`, async () => {
      const ep = await gateState(key);
      return re.test(ep.reason) ? ep : undefined;
    });
  const initiate = (vm: string, port: number, source: string | undefined, minutes = 60, rg = 'rg-servers') =>
    security.jitNetworkAccessPolicies.initiate(rg, DEMO.location, 'default', {
      virtualMachines: [
        {
          id: vmId(vm, rg),
          ports: [
            {
              number: port,
              endTimeUtc: new Date(sim.ctx.clock.nowMs() + minutes * 60_000),
              ...(source ? { allowedSourceAddressPrefix: source } : {}),
            },
          ],
        },
      ],
    });
  const nsg = (name: string, rg = 'rg-servers') => sim.ctx.estate.get<ArmResource<NsgProperties>>(nsgId(name, rg))!;
  const addUserRule = (name: string, rg: string, rule: ReturnType<typeof inboundRule>) => {
    nsg(name, rg).properties.securityRules.push(rule);
    sim.ctx.events.emit('nsg-changed', nsgId(name, rg));
  };

  before(async () => {
    echo = await startEcho();
    const backend = echo.address;
    const backends = Object.fromEntries(
      [
        'VM-FS01:3389',
        'vm-web01:22',
        'vm-sql01:3389',
        'vm-dc01:3389',
        'vm-app01:22',
        'vm-build01:22',
        'vm-legacy01:3389',
        'vm-test01:3389',
      ].map((k) => [k, backend]),
    );
    sim = await startTestSim({ backends });
    security = sdkClients(sim, 'helpdesk').security;
  });
  beforeEach(async () => {
    open.splice(0).forEach((s) => s.destroy());
    await control(sim, '/reset', { seed: 'demo' });
    await control(sim, '/settings', { propagationMs: 0, dataplaneLagMs: 0 });
  });
  after(async () => {
    open.splice(0).forEach((s) => s.destroy());
    await sim?.close();
    await echo.close();
  });

  test('the address map covers every JIT policy port of the demo, with stable gate ports', async () => {
    const keys = Object.keys(sim.profile.addressMap ?? {}).sort();
    assert.deepEqual(
      keys,
      [
        '10.10.1.4:3389',
        '10.10.1.4:5985',
        '10.10.1.4:5986',
        '10.10.1.5:22',
        '10.10.1.6:3389',
        '10.10.1.7:3389',
        '10.10.1.7:5986',
        '10.10.1.8:22',
        '10.10.2.4:3389',
        '10.10.3.4:3389',
        '10.20.1.4:22',
        '10.30.1.4:3389',
        '10.41.1.4:3389',
        '20.61.10.100:50001',
        '20.61.10.100:50002',
        '20.61.10.25:22',
        // Fabrikam's jump host (the tenant where helpdesk is a guest): private and public address.
        '10.40.1.4:3389',
        '20.71.30.40:3389',
      ].sort(),
      'policy ports + the vm-build01 backend (no JIT) + public and firewall addresses',
    );
    assert.ok(Object.values(sim.profile.addressMap!).every((v) => /^127\.0\.0\.1:\d+$/.test(v)));
    assert.equal(
      new Set(Object.values(sim.profile.addressMap!)).size,
      keys.length,
      'one gate port per dialled address',
    );
    const before = { ...sim.profile.addressMap };
    await control(sim, '/reset', { seed: 'demo' });
    assert.deepEqual(sim.profile.addressMap, before, 'a reset keeps every gate port');
    assert.match((await gateState('10.30.1.4:3389')).reason, /no route/, 'the finance VNet has no VPN path');
  });

  test('refuses before initiate; after initiate and propagation forwards bytes both ways', async () => {
    await judged('10.10.1.4:3389', /denied by VM-FS01-nsg rule MicrosoftDefenderForCloud-JITRule_/);
    await refused('10.10.1.4:3389');
    const t0 = Date.now();
    await initiate('VM-FS01', 3389, DEMO.p2sPool);
    const sock = await connectWhenOpen('10.10.1.4:3389');
    process.stderr.write(`gate: open ${Date.now() - t0} ms after the initiate answered (propagation 0, lag 0)\n`);
    assert.equal((await roundTrip(sock, Buffer.from('hello RDP'))).toString(), 'hello RDP');
    const big = Buffer.alloc(256 * 1024, 7);
    assert.ok((await roundTrip(sock, big)).equals(big), '256 KiB echoed intact');
    const ep = await gateState('10.10.1.4:3389');
    assert.equal(ep.source, DEMO.vpnClientIp);
    assert.equal(ep.open, true);
    await refused('10.10.1.4:5985');
  });

  test('the public address stays refused when the request named only the VPN pool', async () => {
    await initiate('vm-web01', 22, DEMO.p2sPool);
    await connectWhenOpen('10.10.1.5:22');
    await judged('20.61.10.25:22', /denied by vm-web01-nsg/);
    await refused('20.61.10.25:22');
    await initiate('vm-web01', 22, DEMO.publicClientIp);
    const pub = await connectWhenOpen('20.61.10.25:22');
    assert.equal((await roundTrip(pub, Buffer.from('ssh'))).toString(), 'ssh');
  });

  test('an open connection survives expiry; new connections are refused after it', async () => {
    await initiate('VM-FS01', 3389, DEMO.p2sPool, 10);
    const sock = await connectWhenOpen('10.10.1.4:3389');
    await control(sim, '/clock/advance', { seconds: 11 * 60 });
    await refusedWhenClosed('10.10.1.4:3389');
    assert.equal((await roundTrip(sock, Buffer.from('still here'))).toString(), 'still here');
  });

  test('the data-plane lag delays opening and closing by that much real time', async () => {
    const lagMs = 700;
    await control(sim, '/settings', { dataplaneLagMs: lagMs });
    await initiate('VM-FS01', 3389, DEMO.p2sPool, 10);
    const ruleAt = await until('the allow rule in ARM', () =>
      nsg('VM-FS01-nsg').properties.securityRules.some((r) => r.name.startsWith('MicrosoftDefenderForCloud-JITRule-'))
        ? Date.now()
        : undefined,
    );
    await refused('10.10.1.4:3389');
    const sock = await connectWhenOpen('10.10.1.4:3389');
    const openedAfter = Date.now() - ruleAt;
    assert.ok(openedAfter >= lagMs - 50, `opened ${openedAfter} ms after the rule appeared`);
    sock.destroy();
    await control(sim, '/clock/advance', { seconds: 11 * 60 });
    const goneAt = Date.now();
    const still = await tryConnect(addr('10.10.1.4:3389'));
    assert.notEqual(still, 'refused', 'right after the rule went the gate is still open (lag)');
    if (still !== 'refused') still.destroy();
    await refusedWhenClosed('10.10.1.4:3389');
    const closedAfter = Date.now() - goneAt;
    assert.ok(closedAfter >= lagMs - 50, `closed ${closedAfter} ms after the rule went`);
    process.stderr.write(
      `gate: with dataplaneLagMs ${lagMs}: opened ${openedAfter} ms after the rule appeared, closed ${closedAfter} ms after it went\n`,
    );
  });

  test('a VM with only a subnet NSG works', async () => {
    await refused('10.10.2.4:3389');
    await initiate('vm-sql01', 3389, DEMO.p2sPool);
    const sock = await connectWhenOpen('10.10.2.4:3389');
    assert.equal((await roundTrip(sock, Buffer.from('sql'))).toString(), 'sql');
  });

  test('a VM with subnet and NIC NSGs needs an allow in both', async () => {
    const key = '10.10.3.4:3389';
    addUserRule(
      'vm-dc01-nsg',
      'rg-servers',
      inboundRule(nsgId('vm-dc01-nsg'), 'Allow-RDP-VPN', 200, 'Allow', '3389', DEMO.p2sPool),
    );
    await judged(key, /denied by nsg-snet-identity rule MicrosoftDefenderForCloud-JITRule_/);
    await refused(key);
    addUserRule(
      'nsg-snet-identity',
      'rg-network',
      inboundRule(nsgId('nsg-snet-identity', 'rg-network'), 'Allow-RDP-VPN', 200, 'Allow', '3389', DEMO.p2sPool),
    );
    await connectWhenOpen(key);
    // Back to JIT only: both NSGs get the JIT allow.
    await control(sim, '/reset', { seed: 'demo' });
    await refusedWhenClosed(key);
    await initiate('vm-dc01', 3389, DEMO.p2sPool);
    const sock = await connectWhenOpen(key);
    assert.match(
      (await gateState(key)).reason,
      /allowed by nsg-snet-identity\/MicrosoftDefenderForCloud-JITRule-.* and vm-dc01-nsg\/MicrosoftDefenderForCloud-JITRule-/,
    );
    assert.equal((await roundTrip(sock, Buffer.from('ldap'))).toString(), 'ldap');
  });

  test('a VM in the spoke is reachable over the VPN through gateway transit', async () => {
    await refused('10.20.1.4:22');
    await initiate('vm-app01', 22, DEMO.p2sPool, 60, 'rg-app');
    const sock = await connectWhenOpen('10.20.1.4:22');
    assert.equal((await gateState('10.20.1.4:22')).source, DEMO.vpnClientIp);
    assert.equal((await roundTrip(sock, Buffer.from('spoke'))).toString(), 'spoke');
  });

  test('a VM without JIT blocked by its NSG stays refused', async () => {
    const key = '10.10.1.8:22';
    // Azure's AllowVnetInBound admits VPN clients (the P2S pool is VirtualNetwork) until a rule says otherwise.
    await judged(key, /AllowVnetInBound/);
    addUserRule(
      'vm-build01-nsg',
      'rg-servers',
      inboundRule(nsgId('vm-build01-nsg'), 'Deny-SSH-Inbound', 1000, 'Deny', '22', '*'),
    );
    await judged(key, /denied by vm-build01-nsg rule Deny-SSH-Inbound/);
    await refusedWhenClosed(key);
    await assert.rejects(
      initiate('vm-build01', 22, DEMO.p2sPool),
      (err: { code?: string }) => err.code === 'VmNotInPolicy',
    );
    await control(sim, '/clock/advance', { seconds: 60 });
    await judged(key, /Deny-SSH-Inbound/);
    await refused(key);
  });

  test('a VM behind the Azure Firewall is reached at firewall-IP:mappedPort with the public address judged', async () => {
    const key = `${DEMO.firewallPublicIp}:50001`;
    await judged(key, /no JIT DNAT rule/);
    await refused(key);
    const req = await initiate('vm-legacy01', 3389, undefined);
    assert.equal(req.virtualMachines[0]!.ports[0]!.mappedPort, 50001);
    const sock = await connectWhenOpen(key);
    assert.equal((await gateState(key)).source, DEMO.publicClientIp);
    assert.equal((await roundTrip(sock, Buffer.from('dnat'))).toString(), 'dnat');
    await refused('10.10.1.7:3389'); // the public-only grant does not open the VPN path
  });

  test('a deallocated VM stays refused with a grant, and opens once it runs', async () => {
    const key = '10.10.1.6:3389';
    await initiate('vm-test01', 3389, DEMO.p2sPool);
    await judged(key, /the VM is deallocated/);
    await refused(key);
    // An admin starts the VM through ARM; the start finishes on the simulated clock.
    const start = await simFetch(sim, `${vmId('vm-test01')}/start?api-version=2026-03-01`, {
      method: 'POST',
      token: mintArmToken(sim, 'admin'),
    });
    assert.equal(start.status, 202);
    await control(sim, '/clock/advance', { seconds: 5 });
    await connectWhenOpen(key);
  });
});

describe('TCP gate on a scale seed', () => {
  test('maps only the VMs named in backends', async () => {
    const echo = await startEcho();
    const sim = await startTestSim({ seed: 'scale:300:2', backends: { 'win-000-00001:3389': echo.address } });
    try {
      assert.deepEqual(Object.keys(sim.profile.addressMap ?? {}), ['10.0.0.5:3389']);
      const endpoints = await gateEndpoints(sim);
      assert.equal(endpoints.length, 1);
      assert.equal(endpoints[0]!.vm, 'win-000-00001');
      assert.match(endpoints[0]!.reason, /no route/, 'the scale seed has no VPN gateway');
    } finally {
      await sim.close();
      await echo.close();
    }
  });
});
