/**
 * NetworkInterfaces adapters: the real machine (os.networkInterfaces and a route check), and the simulated network a
 * simulator profile describes (demo mode and tests walk the VPN path without a VPN).
 */
import { createSocket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import type { SimulatedNetwork } from '../../../shared/cloud/cloud-profile';
import { containsIp, parseCidr, parseIpv4 } from '../../../shared/net/cidr';
import type { NetworkInterfaces } from '../ports';

/** The machine's own interfaces. The route check `connect`s a UDP socket, which sends nothing, and reads its address. */
export function systemNetworkInterfaces(): NetworkInterfaces {
  return {
    list: () =>
      Object.entries(networkInterfaces()).flatMap(([name, addrs]) =>
        (addrs ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => ({ name, address: a.address })),
      ),
    localAddressFor: (ip) =>
      new Promise((resolve) => {
        const socket = createSocket('udp4');
        const done = (address?: string) => {
          socket.close();
          resolve(address);
        };
        socket.once('error', () => done(undefined));
        // Port 9 (discard): nothing is sent; connect() only asks the kernel which route and source address it would use.
        socket.connect(9, ip, () => {
          try {
            done(socket.address().address);
          } catch {
            done(undefined);
          }
        });
      }),
  };
}

/**
 * The network a simulator profile describes. Its route check works as a point-to-site VPN client does: the VPN pushes
 * routes for the networks it reaches, so a destination whose pools (`hints.pools`, the VM's P2S pools) contain one of
 * the interfaces' addresses goes out through that interface; anything else takes the default route (the first
 * interface that is in no pool of the hint).
 */
export function simulatedNetworkInterfaces(net: SimulatedNetwork): NetworkInterfaces {
  return {
    list: () => net.interfaces.map((i) => ({ ...i })),
    publicAddress: () => net.publicIp,
    localAddressFor: async (ip, hints) => {
      if (parseIpv4(ip) === undefined) return undefined;
      const pools = (hints?.pools ?? []).map(parseCidr).filter((c) => c !== undefined);
      const inPool = (address: string) => {
        const a = parseIpv4(address);
        return a !== undefined && pools.some((p) => containsIp(p, a));
      };
      return (net.interfaces.find((i) => inPool(i.address)) ?? net.interfaces.find((i) => !inPool(i.address)))?.address;
    },
  };
}
