import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseSource, type SourceRequest } from '../../../../electron/core/source/choose-source';
import {
  simulatedNetworkInterfaces,
  systemNetworkInterfaces,
} from '../../../../electron/core/source/network-interfaces';
import type { JitPort, Vm } from '../../../../shared/domain/types';
import { AppError } from '../../../../shared/errors/app-error';
import { sampleVm } from '../../../fixtures/vm';

const onVpn = simulatedNetworkInterfaces({
  interfaces: [
    { name: 'eth0', address: '192.168.1.20' },
    { name: 'AzureVPN', address: '10.13.1.7' },
  ],
  publicIp: '203.0.113.7',
});
const offVpn = simulatedNetworkInterfaces({
  interfaces: [{ name: 'eth0', address: '192.168.1.20' }],
  publicIp: '203.0.113.7',
});

const port = (allowedSources: string[], sourcesExact = false): JitPort => ({
  number: 3389,
  protocol: 'TCP',
  maxDuration: 'PT3H',
  allowedSources,
  ...(sourcesExact ? { sourcesExact } : {}),
});
const list = (...prefixes: string[]) => port(prefixes, true);
const vm = (over: Partial<Vm> = {}): Vm => sampleVm({ jit: { state: 'configured', ports: [] }, ...over });
const choose = (over: Partial<SourceRequest>) =>
  chooseSource({ vm: vm(), port: port(['*']), mode: 'auto', network: onVpn, ...over });
const rejects = (p: Promise<unknown>, code: string, message: RegExp) =>
  assert.rejects(
    p,
    (e: unknown) => e instanceof AppError && e.code === code && message.test(e.message + (e.fix ?? '')),
  );

test('on the VPN: the pool is requested, the private IP dialled, and the choice explained', async () => {
  assert.deepEqual(await choose({}), {
    path: 'vpn',
    requestPrefix: '10.13.1.0/24',
    dialHost: '10.10.1.4',
    localAddress: '10.13.1.7',
    explanation: 'VPN pool 10.13.1.0/24 — you are on the VPN at 10.13.1.7',
  });
});

test('a policy that lists prefixes gets the listed one holding the VPN address, verbatim, even when it is wider', async () => {
  assert.equal((await choose({ port: list('10.13.1.0/24', '198.51.100.0/24') })).requestPrefix, '10.13.1.0/24');
  const wide = await choose({ port: list('198.51.100.0/24', '10.13.0.0/16') });
  assert.equal(wide.requestPrefix, '10.13.0.0/16');
  assert.match(wide.explanation, /policy's range for your VPN address 10\.13\.1\.7/);
  // Only the address itself is listed: the /32 (the pool is not inside it).
  assert.equal((await choose({ port: list('10.13.1.7/32') })).requestPrefix, '10.13.1.7/32');
  await rejects(choose({ port: list('198.51.100.0/24') }), 'source-not-allowed', /accepts only 198\.51\.100\.0\/24/);
});

test('a policy with one prefix takes anything inside it: the pool (narrower), else the address alone', async () => {
  assert.equal((await choose({ port: port(['10.13.0.0/16']) })).requestPrefix, '10.13.1.0/24');
  assert.equal((await choose({ port: port(['10.13.1.0/28']) })).requestPrefix, '10.13.1.7/32');
  await rejects(choose({ port: port(['172.16.0.0/12']) }), 'source-not-allowed', /not 10\.13\.1\.0\/24/);
});

test('VPN down: a VM normally reached over the VPN says "connect the VPN", never widening to the public path', async () => {
  await rejects(choose({ network: offVpn }), 'no-vpn-pool', /not on it.*Connect the VPN/s);
  await rejects(
    choose({ network: offVpn, vm: vm({ publicIp: '20.61.10.25' }) }),
    'no-vpn-pool',
    /Connect the VPN.*public path explicitly/s,
  );
  await rejects(
    choose({ network: offVpn, mode: 'vpn-only', vm: vm({ publicIp: '1.2.3.4' }) }),
    'no-vpn-pool',
    /^(?!.*public path)/s,
  );
});

test('the public path, when asked: the source left out (Azure uses the caller address), the public IP dialled', async () => {
  const web = vm({ name: 'vm-web01', publicIp: '20.61.10.25' });
  assert.deepEqual(await choose({ vm: web, mode: 'public' }), {
    path: 'public',
    dialHost: '20.61.10.25',
    explanation: 'your public address, as Azure sees it',
  });
  // A VM no VPN reaches goes the public way in auto mode.
  assert.equal((await choose({ vm: vm({ p2sPools: [], publicIp: '20.61.10.25' }) })).path, 'public');
  // A listed policy: the entry holding the known public address, verbatim; none holding it: refused before asking.
  assert.equal(
    (await choose({ vm: web, mode: 'public', port: list('203.0.113.0/24') })).requestPrefix,
    '203.0.113.0/24',
  );
  assert.equal((await choose({ vm: web, mode: 'public', port: port(['203.0.113.0/24']) })).requestPrefix, undefined);
  await rejects(
    choose({ vm: web, mode: 'public', port: list('198.51.100.0/24') }),
    'source-not-allowed',
    /203\.0\.113\.7/,
  );
});

test('behind an Azure Firewall: the firewall is dialled', async () => {
  const legacy = vm({
    name: 'vm-legacy01',
    p2sPools: [],
    jit: { state: 'configured', ports: [], firewallPublicIp: '20.61.10.100' },
  });
  const c = await choose({ vm: legacy });
  assert.equal(c.path, 'firewall');
  assert.equal(c.dialHost, '20.61.10.100');
  assert.match(c.explanation, /through the firewall 20\.61\.10\.100/);
});

test('`*` only when the policy forces it and the user confirmed', async () => {
  // A single '*' accepts anything: the narrower pool is asked for.
  assert.equal((await choose({ port: port(['*']) })).requestPrefix, '10.13.1.0/24');
  // A list holding only '*' wants '*' verbatim: refused until confirmed.
  await rejects(choose({ port: list('*') }), 'any-source-needs-confirmation', /confirm the any-address source/);
  const any = await choose({ port: list('*'), yesAnySource: true });
  assert.deepEqual([any.path, any.requestPrefix], ['any', '*']);
});

test('fixed mode and admin limits', async () => {
  const fixed = await choose({ mode: 'fixed', fixedSources: ['10.13.0.0/16'] });
  assert.deepEqual([fixed.path, fixed.requestPrefix, fixed.dialHost], ['fixed', '10.13.0.0/16', '10.10.1.4']);
  await rejects(choose({ mode: 'fixed' }), 'invalid-input', /no source range is set/);
  await rejects(choose({ mode: 'public', allowedModes: ['vpn-only'] }), 'invalid-input', /"public" is not allowed/);
});

test('no way at all: the error says why and what to do', async () => {
  await rejects(
    choose({ vm: vm({ name: 'vm-fin01', p2sPools: [], privateIp: '10.30.1.4' }) }),
    'no-path',
    /no public IP and no firewall.*Connect the VPN/s,
  );
});

test('the simulated route check goes through the VPN only for networks its pools reach', async () => {
  assert.equal(await onVpn.localAddressFor('10.10.1.4', { pools: ['10.13.1.0/24'] }), '10.13.1.7');
  assert.equal(await onVpn.localAddressFor('10.30.1.4', { pools: [] }), '192.168.1.20');
  assert.equal(await onVpn.localAddressFor('not-an-ip'), undefined);
  assert.equal(onVpn.publicAddress?.(), '203.0.113.7');
});

test("the machine's own route check answers from a real socket without sending anything", async () => {
  const net = systemNetworkInterfaces();
  assert.equal(await net.localAddressFor('127.0.0.1'), '127.0.0.1');
  assert.ok(Array.isArray(net.list()));
});
