// Debian's azure-cli (2.45) against the simulator: proves that a real, independent Azure client can sign in
// (service principal, password, device code), read VMs and NSGs, and request JIT access — so the simulator's
// Entra and ARM surfaces are not shaped only by our own code and the JS SDKs. Too slow for CI (`npm run test:az`).
//
// The steps share one az config dir and run in order (a later step uses the earlier sign-in), like a user would.
// Every az call runs with `--debug` only so that we can read the request lines (urllib3 logs each with its
// query) and report the api-versions az sent; `/_sim/calls` logs paths without the query. What we assert is what
// a user sees: exit codes and the JSON on stdout.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { startTestSim, simFetch, tempDir } from '../../fixtures/sim';
import type { Simulator } from '../../../electron/azure-sim/index';
import { API_VERSIONS, type ApiFamily } from '../../../electron/azure-sim/arm/api-versions';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { SEEDED_SP } from '../../../electron/azure-sim/seeds/identities';

/** `az` on PATH, found without a shell. */
const AZ = (process.env.PATH ?? '')
  .split(delimiter)
  .map((d) => join(d, 'az'))
  .find((p) => existsSync(p));

/** A slow az start (Python imports) plus a few requests; device-code login waits for the approval too. */
const CALL_TIMEOUT_MS = 60_000;
const CLOUD = 'JitSimCloud';
const RG = 'rg-servers';

interface AzResult {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}
interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
}

let sim: Simulator;
let configDir: string;
const timings: Array<{ what: string; ms: number; code: number | null }> = [];
const requests: Req[] = [];

/** The command line as safe to print: the value after `-p`/`--password` is hidden. */
const shown = (args: string[]) =>
  args.map((a, i) => (['-p', '--password'].includes(args[i - 1] ?? '') ? '***' : a)).join(' ');

/**
 * Runs az with an argv array (no shell), stdin closed, a timeout, and an isolated config dir. Async on purpose:
 * the simulator runs in this process, so a blocking spawnSync would stop it from answering.
 */
function az(args: string[]): Promise<AzResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AZURE_CONFIG_DIR: configDir,
    AZURE_EXTENSION_DIR: join(configDir, 'cliextensions'),
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
    AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
    AZURE_CORE_NO_COLOR: 'true',
    REQUESTS_CA_BUNDLE: sim.profile.caCertFile, // verification stays on: trust the simulator's CA only
    NO_PROXY: '127.0.0.1,localhost',
  };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(AZ!, [...args, '--debug'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CALL_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Date.now() - started;
      timings.push({
        what: shown(args.filter((a, i) => a !== '--output' && args[i - 1] !== '--output')).slice(0, 90),
        ms,
        code,
      });
      for (const m of stderr.matchAll(
        /urllib3\.connectionpool: https:\/\/127\.0\.0\.1:\d+ "(\w+) (\S+) HTTP\/1\.1" (\d+)/g,
      )) {
        const u = new URL(m[2]!, sim.baseUrl);
        requests.push({ method: m[1]!, path: u.pathname, query: u.searchParams, status: Number(m[3]) });
      }
      resolve({ args, code, signal, stdout, stderr, ms });
    });
  });
}

/** What to print when a call went wrong: az's own messages, then the end of its debug log. */
function explain(r: AzResult): string {
  const lines = r.stderr.split('\n');
  const own = lines.filter((l) => l && !/^(DEBUG|INFO):/.test(l)).join('\n');
  const tail = lines
    .filter((l) => l.startsWith('DEBUG:'))
    .slice(-15)
    .join('\n');
  return `az ${shown(r.args)} → exit ${r.code ?? r.signal} in ${r.ms} ms${r.signal ? ` (timeout ${CALL_TIMEOUT_MS} ms?)` : ''}\n--- stderr ---\n${own}\n--- last debug lines ---\n${tail}\n--- stdout ---\n${r.stdout.slice(0, 2000)}`;
}

/** Runs az, asserts exit 0, returns stdout parsed as JSON (or undefined when az printed nothing). */
async function azJson<T = unknown>(args: string[]): Promise<T> {
  const r = await az([...args, '--output', 'json']);
  assert.equal(r.code, 0, explain(r));
  return (r.stdout.trim() ? JSON.parse(r.stdout) : undefined) as T;
}

type Sub = { name: string; id: string; isDefault: boolean; user: { name: string; type: string } };
type Rule = {
  name: string;
  access: string;
  direction: string;
  priority: number;
  destinationPortRange?: string;
  destinationPortRanges?: string[];
  sourceAddressPrefix?: string;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('azure-cli is installed', () => {
  assert.ok(
    AZ,
    "az is not on PATH. Install Debian's azure-cli first: apt-get install --no-install-recommends azure-cli",
  );
});

describe(
  'Debian azure-cli against the simulator',
  { skip: AZ ? false : 'azure-cli is missing (see the test above)' },
  () => {
    const arm = () => sim.profile.armEndpoint.replace(/\/$/, '');
    const prod = DEMO.prodSubscriptionId;

    before(async () => {
      sim = await startTestSim();
      configDir = tempDir('jit-az-config-');
    });
    after(async () => {
      await sim?.close();
      if (configDir) rmSync(configDir, { recursive: true, force: true });
    });

    test('cloud register from the ARM metadata endpoint alone (ADFS authority, hybrid profile) and cloud set', async () => {
      // Given only the resource manager, az reads `<arm>/metadata/endpoints`: the login endpoint ends in /adfs, so
      // MSAL signs in ADFS-style and does no AAD instance discovery (no internet here). The 2020-09-01-hybrid profile
      // pins api-versions that Debian's older compute/network SDKs know.
      await azJson([
        'cloud',
        'register',
        '-n',
        CLOUD,
        '--endpoint-resource-manager',
        arm(),
        '--profile',
        '2020-09-01-hybrid',
      ]);
      await azJson(['cloud', 'set', '-n', CLOUD]);
      const cloud = await azJson<{
        name: string;
        isActive: boolean;
        profile: string;
        endpoints: Record<string, string>;
      }>(['cloud', 'show']);
      assert.equal(cloud.name, CLOUD);
      assert.equal(cloud.isActive, true);
      assert.equal(cloud.profile, '2020-09-01-hybrid');
      assert.equal(cloud.endpoints.resourceManager, arm());
      assert.equal(cloud.endpoints.activeDirectory, `${arm()}/adfs`);
      assert.equal(cloud.endpoints.activeDirectoryResourceId, `${arm()}/`);
    });

    test('az login --service-principal sees the subscription the SP has roles in', async () => {
      const subs = await azJson<Sub[]>([
        'login',
        '--service-principal',
        '-u',
        SEEDED_SP.appId,
        '-p',
        SEEDED_SP.secret,
        '--tenant',
        DEMO.tenantId,
      ]);
      assert.deepEqual(
        subs.map((s) => s.name),
        ['Contoso Production'],
      );
      assert.equal(subs[0]!.user.type, 'servicePrincipal');
      assert.equal(subs[0]!.user.name, SEEDED_SP.appId);
      const token = await azJson<{ accessToken: string; tokenType: string; subscription: string }>([
        'account',
        'get-access-token',
      ]);
      assert.equal(token.tokenType, 'Bearer');
      assert.equal(token.subscription, prod);
      assert.match(token.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a JWT');
    });

    test('az login with username and password; az account list shows every Contoso subscription', async () => {
      await azJson(['login', '-u', `helpdesk@${DEMO.domain}`, '-p', 'helpdesk-sim-password']);
      const subs = await azJson<Sub[]>(['account', 'list']);
      assert.deepEqual(subs.map((s) => s.name).sort(), [
        'Contoso Connectivity',
        'Contoso Dev',
        'Contoso Finance',
        'Contoso Production',
      ]);
      assert.ok(
        subs.every((s) => s.user.name === `helpdesk@${DEMO.domain}` && s.user.type === 'user'),
        JSON.stringify(subs),
      );
      assert.deepEqual(subs.find((s) => s.isDefault)?.name, 'Contoso Production');
    });

    test('az login --use-device-code completes once the simulator auto-approves the code', async (t) => {
      await azJson(['logout']);
      const r = await az(['login', '--use-device-code', '--output', 'json']);
      assert.equal(r.code, 0, explain(r));
      // The prompt a user would follow: the simulator's verification page and a code.
      assert.match(
        r.stderr,
        new RegExp(
          `open the page ${sim.baseUrl.replace(/[.]/g, '\\.')}/adfs/oauth2/deviceauth and enter the code \\S+`,
        ),
      );
      const subs = JSON.parse(r.stdout) as Sub[];
      assert.deepEqual(
        subs.map((s) => s.user.name),
        Array(4).fill(`helpdesk@${DEMO.domain}`),
      );
      t.diagnostic(`device-code login took ${r.ms} ms (approval is automatic after ~1 s)`);
      assert.ok(r.ms < 20_000, `device-code login took ${r.ms} ms`);
    });

    test('az vm list / az vm list -d show the demo VMs with their power state', async () => {
      const vms = await azJson<Array<{ name: string; resourceGroup: string }>>(['vm', 'list']);
      const names = vms.map((v) => v.name);
      for (const n of ['VM-FS01', 'vm-web01', 'vm-test01', 'vm-app01'])
        assert.ok(names.includes(n), `${n} missing from ${names.join(', ')}`);
      assert.ok(!names.includes('vm-fin01'), 'vm list covers the default subscription only');
      const detailed = await azJson<Array<{ name: string; powerState: string; privateIps: string; publicIps: string }>>(
        ['vm', 'list', '-d'],
      );
      const by = (n: string) => detailed.find((v) => v.name === n);
      assert.equal(by('VM-FS01')?.powerState, 'VM running');
      assert.equal(by('VM-FS01')?.privateIps, '10.10.1.4');
      assert.equal(by('vm-test01')?.powerState, 'VM deallocated');
      assert.equal(by('vm-web01')?.publicIps, '20.61.10.25');
    });

    test('az vm show -d and az vm get-instance-view report the power state of one VM', async () => {
      const fs01 = await azJson<{ powerState: string; storageProfile: { osDisk: { osType: string } } }>([
        'vm',
        'show',
        '-d',
        '-g',
        RG,
        '-n',
        'VM-FS01',
      ]);
      assert.equal(fs01.powerState, 'VM running');
      assert.equal(fs01.storageProfile.osDisk.osType, 'Windows');
      const view = await azJson<{ instanceView: { statuses: Array<{ code: string }> } }>([
        'vm',
        'get-instance-view',
        '-g',
        RG,
        '-n',
        'vm-test01',
      ]);
      assert.ok(
        view.instanceView.statuses.some((s) => s.code === 'PowerState/deallocated'),
        JSON.stringify(view.instanceView.statuses),
      );
    });

    test('az network nsg list and nsg rule list (with and without --include-default)', async () => {
      const nsgs = (await azJson<Array<{ name: string }>>(['network', 'nsg', 'list'])).map((n) => n.name);
      for (const n of ['VM-FS01-nsg', 'vm-web01-nsg', 'nsg-snet-data'])
        assert.ok(nsgs.includes(n), `${n} missing from ${nsgs.join(', ')}`);
      const custom = await azJson<Rule[]>(['network', 'nsg', 'rule', 'list', '-g', RG, '--nsg-name', 'vm-web01-nsg']);
      const https = custom.find((r) => r.name === 'Allow-HTTPS');
      assert.equal(https?.destinationPortRange, '443');
      assert.equal(https?.sourceAddressPrefix, 'Internet');
      const all = await azJson<Rule[]>([
        'network',
        'nsg',
        'rule',
        'list',
        '-g',
        RG,
        '--nsg-name',
        'VM-FS01-nsg',
        '--include-default',
      ]);
      const deny = all.find((r) => r.name === 'DenyAllInBound');
      assert.equal(deny?.access, 'Deny');
      assert.equal(deny?.priority, 65500);
    });

    test('JIT: az rest initiate for VM-FS01:3389 from the VPN pool opens an Allow rule in its NSG', async (t) => {
      const vmId = `/subscriptions/${prod}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/VM-FS01`;
      const endTimeUtc = new Date(Date.now() + 3600_000).toISOString();
      const body = {
        virtualMachines: [
          { id: vmId, ports: [{ number: 3389, endTimeUtc, allowedSourceAddressPrefix: DEMO.p2sPool }] },
        ],
        justification: 'az e2e',
      };
      const url = `${arm()}/subscriptions/${prod}/resourceGroups/${RG}/providers/Microsoft.Security/locations/${DEMO.location}/jitNetworkAccessPolicies/default/initiate?api-version=2020-01-01`;
      const r = await az([
        'rest',
        '--method',
        'post',
        '--url',
        url,
        '--body',
        JSON.stringify(body),
        '--output',
        'json',
      ]);
      assert.equal(r.code, 0, explain(r));
      type Port = { number: number; allowedSourceAddressPrefix?: string; endTimeUtc: string; status: string };
      const request = JSON.parse(r.stdout) as { virtualMachines: Array<{ id: string; ports: Port[] }> };
      const port = request.virtualMachines[0]?.ports.find((p) => p.number === 3389);
      assert.equal(port?.allowedSourceAddressPrefix, DEMO.p2sPool, r.stdout);
      assert.equal(port?.status, 'Initiating', r.stdout); // as Azure's 202: Initiated only once the rule is live
      t.diagnostic(`initiate → ${JSON.stringify(port)}`);

      // No async header on initiate: the NSG is the truth. Propagation is 0 by default, so a few polls suffice.
      // Azure's names carry a signed int hash, so `JITRule--123…-<hex>` (double dash) is normal.
      const isJitAllow = (x: Rule) =>
        /^MicrosoftDefenderForCloud-JITRule--?\d+-[0-9a-f]{32}$/i.test(x.name) &&
        x.access === 'Allow' &&
        x.direction === 'Inbound';
      let rules: Rule[] = [];
      for (const until = Date.now() + 15_000; Date.now() < until; await sleep(500)) {
        rules = await azJson<Rule[]>(['network', 'nsg', 'rule', 'list', '-g', RG, '--nsg-name', 'VM-FS01-nsg']);
        if (rules.some(isJitAllow)) break;
      }
      const allow = rules.find(isJitAllow);
      assert.ok(
        allow,
        `no MicrosoftDefenderForCloud-JITRule-… Allow rule in VM-FS01-nsg: ${JSON.stringify(rules.map((x) => x.name))}`,
      );
      assert.equal(allow.destinationPortRange, '3389');
      assert.equal(allow.sourceAddressPrefix, DEMO.p2sPool);
      // The policy's deny rule (one per VM, all its ports, ≈4096) must sit below the allow, or the grant does nothing.
      const covers3389 = (x: Rule) =>
        x.destinationPortRange === '3389' || (x.destinationPortRanges ?? []).includes('3389');
      const deny = rules.find(
        (x) => /^MicrosoftDefenderForCloud-JITRule_/i.test(x.name) && x.access === 'Deny' && covers3389(x),
      );
      assert.ok(deny, `no MicrosoftDefenderForCloud-JITRule_… Deny rule covering 3389: ${JSON.stringify(rules)}`);
      assert.ok(allow.priority < deny.priority, `allow ${allow.priority} must be above deny ${deny.priority}`);
      t.diagnostic(
        `allow ${allow.name} p${allow.priority}; deny ${deny.name} p${deny.priority} ports ${deny.destinationPortRanges ?? deny.destinationPortRange}`,
      );
    });

    test('after az logout, az vm list fails and tells the user to log in', async () => {
      await azJson(['logout']);
      assert.deepEqual(await azJson(['account', 'list']), []);
      const r = await az(['vm', 'list', '--output', 'json']);
      assert.notEqual(r.code, 0, explain(r));
      assert.match(r.stderr, /Please run 'az login' to setup account/, explain(r));
    });

    test('report: every api-version az sent is one the simulator accepts', async (t) => {
      const family = (p: string): ApiFamily => {
        if (p.startsWith('/metadata/')) return 'metadata';
        const m = /\/providers\/Microsoft\.(\w+)\//i.exec(p)?.[1]?.toLowerCase();
        return m === 'compute' || m === 'network' || m === 'security' || m === 'resourcegraph' ? m : 'resources';
      };
      const seen = new Map<string, Set<string>>();
      for (const q of requests) {
        const v = q.query.get('api-version');
        if (!v) continue;
        const key = `${family(q.path)} ${v}`;
        const kind = `${q.method} ${q.path.replace(/\/subscriptions\/[^/]+/, '/subscriptions/{s}').replace(/(resourceGroups|virtualMachines|networkSecurityGroups|networkInterfaces|publicIPAddresses)\/[^/]+/gi, '$1/{n}')}`;
        seen.set(key, (seen.get(key) ?? new Set()).add(kind));
      }
      for (const [key, kinds] of [...seen].sort()) t.diagnostic(`api-version ${key}: ${[...kinds].join(' | ')}`);
      const entra = new Set(
        requests.filter((q) => !q.query.has('api-version')).map((q) => `${q.method} ${q.path} ${q.status}`),
      );
      t.diagnostic(`other requests (Entra/ADFS): ${[...entra].join(' | ')}`);
      for (const key of seen.keys()) {
        const [fam, v] = key.split(' ') as [ApiFamily, string];
        assert.ok(
          (API_VERSIONS[fam] as readonly string[]).includes(v),
          `az sent ${fam} api-version ${v}, which the simulator refuses`,
        );
      }
      const calls = (await simFetch(sim, '/_sim/calls')).body as Array<{
        method: string;
        path: string;
        status: number;
      }>;
      t.diagnostic(
        `simulator logged ${calls.length} ARM calls; non-2xx: ${JSON.stringify(calls.filter((c) => c.status >= 300))}`,
      );
      assert.ok(!calls.some((c) => c.status === 400), 'no ARM call got a 400 (e.g. InvalidApiVersionParameter)');
      for (const x of timings) t.diagnostic(`${String(x.ms).padStart(6)} ms  exit ${x.code}  az ${x.what}`);
      t.diagnostic(`${timings.length} az calls, ${timings.reduce((s, x) => s + x.ms, 0)} ms in az`);
    });
  },
);
