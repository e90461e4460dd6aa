/**
 * JIT grant latency through the simulator: from the initiate call (official arm-security SDK) until the allow rule
 * is visible in the NSG (arm-network SDK, polled every 10 ms growing to 200 ms) and until the TCP
 * gate accepts a connection. Runs with propagation 0, with a fixed 1.5 s, with a data-plane lag, and with the demo's
 * realistic default timing (random ranges). Prints numbers.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { DEMO } from '../../electron/azure-sim/seeds/demo';
import { REALISTIC_TIMING } from '../../electron/azure-sim/settings';
import { sdkClients } from '../fixtures/sdk';
import { control, startTestSim } from '../fixtures/sim';
import { until } from '../fixtures/wait';

const RG = 'rg-servers';
const ALLOW = /^MicrosoftDefenderForCloud-JITRule--?\d+-[0-9A-F]{32}$/;

function connectOnce(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':') as [string, string];
  return new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

const sim = await startTestSim();
try {
  const { security, network } = sdkClients(sim, 'helpdesk');
  const vmId = `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/VM-FS01`;
  const dial = sim.profile.addressMap!['10.10.1.4:3389']!;

  type Delay = number | { min: number; max: number };
  const show = (d: Delay) => (typeof d === 'number' ? `${d}` : `${d.min}-${d.max}`);
  // Every timing is explicit; the last row is the demo's default (what `npm start` and `npm run sim` use).
  const rows: Array<[Delay, Delay, Delay]> = [
    [0, 0, 0],
    [1500, 0, 0],
    [0, 500, 0],
    [REALISTIC_TIMING.propagationMs, REALISTIC_TIMING.dataplaneLagMs, REALISTIC_TIMING.initiateDelayMs],
  ];
  for (const [propagationMs, dataplaneLagMs, initiateDelayMs] of rows) {
    const samples: Array<{ rule: number; tcp: number; gets: number }> = [];
    for (let i = 0; i < 5; i++) {
      await control(sim, '/reset', { seed: 'demo' });
      await control(sim, '/settings', { propagationMs, dataplaneLagMs, initiateDelayMs });
      // The reset took the previous grant away; with a data-plane lag the gate closes that much later.
      await until('the gate to close', async () => ((await connectOnce(dial)) ? undefined : true), 20_000);
      const t0 = performance.now();
      await security.jitNetworkAccessPolicies.initiate(RG, DEMO.location, 'default', {
        virtualMachines: [
          {
            id: vmId,
            ports: [
              { number: 3389, endTimeUtc: new Date(Date.now() + 3600_000), allowedSourceAddressPrefix: DEMO.p2sPool },
            ],
          },
        ],
      });
      let gets = 0;
      await until(
        'the allow rule',
        async () => {
          gets++;
          const nsg = await network.networkSecurityGroups.get(RG, 'VM-FS01-nsg');
          return nsg.securityRules?.find((r) => ALLOW.test(r.name ?? '')) ?? undefined;
        },
        20_000,
      );
      const rule = performance.now() - t0;
      await until('the gate to open', async () => ((await connectOnce(dial)) ? true : undefined), 20_000);
      samples.push({ rule, tcp: performance.now() - t0, gets });
    }
    const med = (k: 'rule' | 'tcp' | 'gets') => [...samples.map((s) => s[k])].sort((a, b) => a - b)[2]!;
    console.log(
      `propagation ${show(propagationMs)} ms, data-plane lag ${show(dataplaneLagMs)} ms, initiate answer ${show(initiateDelayMs)} ms: rule visible after ${med('rule').toFixed(0)} ms (median of 5, ${med('gets')} NSG GETs), ` +
        `TCP accepted after ${med('tcp').toFixed(0)} ms`,
    );
  }
} finally {
  await sim.close();
}
