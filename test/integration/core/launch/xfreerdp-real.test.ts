/**
 * The real `xfreerdp`, planned and launched by core, through the simulator's TCP gate to an xrdp this test starts
 * on 127.0.0.1 (VM-FS01 over the VPN): with `/auth-only` and the password fed on stdin it reaches xrdp and completes
 * the TLS handshake; after the grant expires a new xfreerdp never reaches it. xfreerdp opens a display even to
 * authenticate, so it runs on an Xvfb the test starts. Every wait has a deadline.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecurityCenter } from '@azure/arm-security';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { launch, nodeLaunchFs, nodeRunner, planLaunch } from '../../../../electron/core/launch/index';
import { systemClock } from '../../../../electron/core/ports';
import { SettingsSchema } from '../../../../electron/core/settings/schema';
import { tryConnect } from '../../../fixtures/gate';
import { sdkClients } from '../../../fixtures/sdk';
import { control, startTestSim, tempDir } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { startXrdp, startXvfb, which, type Server } from '../../../fixtures/servers';

/** VM-FS01's private address in the demo estate, reached over the demo's point-to-site VPN. */
const FS01_PRIVATE = '10.10.1.4:3389';
const vmFs01 = `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/rg-servers/providers/Microsoft.Compute/virtualMachines/VM-FS01`;
const PASSWORD = 'S3cret pass;$(id)';

/** True while a process runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('xfreerdp through the gate to a real xrdp', () => {
  let sim: Simulator;
  let xrdp: Server;
  let xvfb: Awaited<ReturnType<typeof startXvfb>>;
  let security: SecurityCenter;
  let dir: string;
  let dial: { host: string; port: number };
  const started: number[] = [];

  before(async () => {
    dir = tempDir('jit-launch-rdp-');
    xvfb = await startXvfb();
    xrdp = await startXrdp(dir);
    // xfreerdp inherits this process's environment: the display, and a home of its own for its certificate store.
    process.env.DISPLAY = xvfb.display;
    process.env.HOME = dir;
    process.env.XDG_CONFIG_HOME = join(dir, 'config');
    sim = await startTestSim({ backends: { 'VM-FS01:3389': `127.0.0.1:${xrdp.port}` } });
    security = sdkClients(sim, 'helpdesk').security;
    const mapped = sim.profile.addressMap?.[FS01_PRIVATE];
    assert.ok(mapped, 'VM-FS01 private address mapped');
    const [host, port] = mapped.split(':');
    dial = { host: host!, port: Number(port) };
  });
  after(async () => {
    for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGTERM');
    await sim?.close();
    await xrdp?.stop();
    await xvfb?.stop();
  });

  const tls = () => xrdp.log().match(/TLS connection established from 127\.0\.0\.1/g)?.length ?? 0;
  /** Launches xfreerdp as core plans it (`/auth-only` through settings.clients.rdp) and waits for it to end. */
  const runClient = async () => {
    const plan = planLaunch({
      platform: 'linux',
      host: dial.host,
      port: dial.port,
      vmPort: 3389,
      user: 'alice',
      password: PASSWORD,
      vmName: 'VM-FS01',
      rdp: SettingsSchema.parse({}).rdp,
      clients: { rdp: ['xfreerdp', '/auth-only'] },
      terminal: 'new',
      tempDir: dir,
      scriptsDir: dir,
      lookup: (p) => which(p) !== undefined,
    });
    assert.ok(!plan.argv.some((a) => a.includes('S3cret')), 'the password is not on argv');
    assert.equal(plan.stdin, `${PASSWORD}\n`);
    const { pid } = await launch(plan, { runner: nodeRunner, fs: nodeLaunchFs, clock: systemClock });
    assert.ok(pid);
    started.push(pid);
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      assert.ok(!cmdline.some((a) => a.includes('S3cret')), 'the running client has no password in its argv');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // already gone: nothing to read
    }
    await until('xfreerdp to end', () => (alive(pid) ? undefined : true), 20_000);
    started.splice(started.indexOf(pid), 1); // ended: its pid may be reused, never signal it again
  };

  test('with the grant, xfreerdp reaches xrdp (TLS); after expiry a new one does not', async () => {
    await security.jitNetworkAccessPolicies.initiate('rg-servers', DEMO.location, 'default', {
      virtualMachines: [
        {
          id: vmFs01,
          ports: [
            {
              number: 3389,
              endTimeUtc: new Date(sim.ctx.clock.nowMs() + 10 * 60_000),
              allowedSourceAddressPrefix: DEMO.p2sPool,
            },
          ],
        },
      ],
    });
    await until('the gate to accept', async () => {
      const s = await tryConnect(`${dial.host}:${dial.port}`);
      if (s === 'refused') return undefined;
      s.destroy();
      return true;
    });
    const before = tls();
    await runClient();
    await until('xrdp to log the TLS handshake', () => (tls() > before ? true : undefined), 10_000).catch(() =>
      assert.fail(`xrdp saw no TLS connection:\n${xrdp.log()}`),
    );

    await control(sim, '/clock/advance', { seconds: 11 * 60 });
    await until('the gate to refuse after expiry', async () => {
      const s = await tryConnect(`${dial.host}:${dial.port}`);
      if (s === 'refused') return true;
      s.destroy();
      return undefined;
    });
    const afterExpiry = tls();
    await runClient();
    assert.equal(tls(), afterExpiry, 'no new connection reached xrdp');
  });
});
