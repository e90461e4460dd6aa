/**
 * The real `ssh`, planned and launched by core, through the simulator's TCP gate to an sshd this test starts on
 * 127.0.0.1: a user name with spaces and `$` reaches sshd as one argument; one with quotes and `$()` is refused
 * before anything runs; once the grant expires a new ssh is refused. Every wait has a deadline.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecurityCenter } from '@azure/arm-security';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { launch, nodeLaunchFs, nodeRunner, planLaunch } from '../../../../electron/core/launch/index';
import type { ProcessRunner } from '../../../../electron/core/ports';
import { systemClock } from '../../../../electron/core/ports';
import { SettingsSchema } from '../../../../electron/core/settings/schema';
import { tryConnect } from '../../../fixtures/gate';
import { sdkClients } from '../../../fixtures/sdk';
import { control, startTestSim, tempDir } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { startSshd, which, type Server } from '../../../fixtures/servers';

/** vm-web01's public address in the demo estate; the gate maps it to a loopback port. */
const WEB01_PUBLIC = '20.61.10.25:22';
const vmWeb01 = `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/rg-servers/providers/Microsoft.Compute/virtualMachines/vm-web01`;

describe('ssh through the gate to a real sshd', () => {
  let sim: Simulator;
  let sshd: Server & { hostKeyPub: string; clientKey: string };
  let security: SecurityCenter;
  let dir: string;
  let dial: { host: string; port: number };
  const runs: string[][] = [];
  /** The Node runner, recording what it is asked to run. */
  const runner: ProcessRunner = { run: (argv, options) => (runs.push(argv), nodeRunner.run(argv, options)) };

  before(async () => {
    dir = tempDir('jit-launch-ssh-');
    sshd = await startSshd(dir);
    sim = await startTestSim({ backends: { 'vm-web01:22': `127.0.0.1:${sshd.port}` } });
    security = sdkClients(sim, 'helpdesk').security;
    const mapped = sim.profile.addressMap?.[WEB01_PUBLIC];
    assert.ok(mapped, 'vm-web01 public address mapped');
    const [host, port] = mapped.split(':');
    dial = { host: host!, port: Number(port) };
    // ssh checks the host key against this file only (no prompt, no user config); the key pair is this test's own.
    writeFileSync(join(dir, 'known_hosts'), `[${dial.host}]:${dial.port} ${sshd.hostKeyPub}\n`);
  });
  after(async () => {
    await sshd?.stop();
    await sim?.close();
  });

  /** A JIT request for vm-web01:22 from the demo's public address, through the official SDK. */
  const initiate = (minutes: number) =>
    security.jitNetworkAccessPolicies.initiate('rg-servers', DEMO.location, 'default', {
      virtualMachines: [
        {
          id: vmWeb01,
          ports: [
            {
              number: 22,
              endTimeUtc: new Date(sim.ctx.clock.nowMs() + minutes * 60_000),
              allowedSourceAddressPrefix: DEMO.publicClientIp,
            },
          ],
        },
      ],
    });
  const gateAccepts = () =>
    until('the gate to accept', async () => {
      const s = await tryConnect(`${dial.host}:${dial.port}`);
      if (s === 'refused') return undefined;
      s.destroy();
      return true;
    });
  /** The plan core makes for `connect vm-web01 --no-terminal --user <user>`, with test-only ssh options. */
  const plan = (user: string) =>
    planLaunch({
      platform: 'linux',
      host: dial.host,
      port: dial.port,
      vmPort: 22,
      user,
      vmName: 'vm-web01',
      rdp: SettingsSchema.parse({}).rdp,
      // An override from settings.clients: no config file, no prompts, this test's known_hosts and key.
      clients: {
        ssh: ['ssh', '-F', 'none', '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${join(dir, 'known_hosts')}`]
          .concat(['-o', 'StrictHostKeyChecking=yes', '-o', 'IdentitiesOnly=yes', '-i', sshd.clientKey])
          .concat(['-o', 'LogLevel=ERROR']),
      },
      terminal: 'current',
      tempDir: dir,
      scriptsDir: dir,
      lookup: (p) => which(p) !== undefined,
    });
  const deps = { runner, fs: nodeLaunchFs, clock: systemClock };
  const connections = () => sshd.log().match(/Connection from 127\.0\.0\.1/g)?.length ?? 0;

  test('user names with spaces, $, * or @ reach sshd as one argument; after expiry a new ssh is refused', async () => {
    const user = 'jit user $HOME *';
    await initiate(10);
    await gateAccepts();
    const result = await launch(plan(user), deps);
    assert.equal(result.exitCode, 255, 'no such account: ssh ends with its own failure code');
    const line = await until('sshd to log the attempted user', () =>
      sshd.log().includes(`Invalid user ${user} from 127.0.0.1`) ? true : undefined,
    );
    assert.ok(line);
    // An Entra-style name holding "@": ssh splits user@host at the last "@", so the whole name arrives.
    await launch(plan('ann@contoso.com'), deps);
    await until('sshd to log the Entra-style user', () =>
      sshd.log().includes('Invalid user ann@contoso.com from 127.0.0.1') ? true : undefined,
    );

    await control(sim, '/clock/advance', { seconds: 11 * 60 });
    await until('the gate to refuse after expiry', async () => {
      const s = await tryConnect(`${dial.host}:${dial.port}`);
      if (s === 'refused') return true;
      s.destroy();
      return undefined;
    });
    const before = connections();
    const again = await launch(plan(user), deps);
    assert.equal(again.exitCode, 255);
    assert.equal(connections(), before, 'no new connection reached sshd');
  });

  test('a user name with quotes and $() is refused before launch: nothing runs, nothing reaches sshd', async () => {
    await initiate(10);
    await gateAccepts();
    const before = { runs: runs.length, connections: connections() };
    for (const user of [`o'brien "x" $(touch ${join(dir, 'pwned')})`, 'a;b', '`id`']) {
      assert.throws(() => plan(user), { code: 'invalid-input', message: /ssh refuses/ }, user);
    }
    assert.equal(runs.length, before.runs);
    assert.equal(connections(), before.connections);
  });
});
