/**
 * A second process for the grant tests. `record <dir> <tag> <n>`: records n grants as fast as it can (concurrent
 * writers); `remind <dir>`: runs Reminders on the real clock, printing one JSON line per event, until stdin closes.
 */
import { GrantStore } from '../../../../electron/core/grants/grant-store';
import { Reminders } from '../../../../electron/core/grants/reminders';
import { systemClock } from '../../../../electron/core/ports';

const [mode, dir, tag, count] = process.argv.slice(2);
const out = (o: unknown) => process.stdout.write(`${JSON.stringify({ pid: process.pid, ...(o as object) })}\n`);

async function main(): Promise<void> {
  const store = new GrantStore(dir!);
  if (mode === 'record') {
    const n = Number(count);
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.record(
          {
            vmId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${tag}-${i}`,
            vmName: `${tag}-${i}`,
            port: 22,
            source: '10.13.1.0/24',
            dialAddress: '10.0.0.1:22',
            startTimeUtc: new Date().toISOString(),
            endTimeUtc: new Date(Date.now() + 3600_000).toISOString(),
          },
          { justification: `${tag} ${i}` },
        ),
      ),
    );
    out({ done: n });
    return;
  }
  const reminders = new Reminders({ store, clock: systemClock, checkEveryMs: 50, ownerRetryMs: 50 });
  for (const e of ['grant:expiring', 'grant:expired'] as const)
    reminders.on(e, (r: { grant: { vmName: string }; leadMinutes?: number }) =>
      out({ event: e, vm: r.grant.vmName, lead: r.leadMinutes }),
    );
  reminders.on('owner', (owner: boolean) => out({ owner }));
  out(await reminders.start());
  process.stdin.resume();
  process.stdin.on('end', () => {
    void reminders.stop().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
