/**
 * The TCP gate: one listener on 127.0.0.1 per dialled VM address and port, listening only while the VM's effective
 * NSG rules (reachability.ts) let the client in — so a blocked port refuses connections (Azure would drop them
 * silently). Open connections survive a rule's removal, as in Azure. `dataplaneLagMs` delays each open and close by
 * that much real time after the change in ARM (fixed, or picked per change from a range). `blockedPorts` keeps a VM
 * port shut whatever its NSGs say (an Azure Virtual Network Manager security admin rule). `ctx.addressMap` tells
 * clients where to dial: `"<ip>:<port>"` → `"127.0.0.1:<gate port>"`, each port reserved once and kept for the life
 * of the simulator.
 *
 * What is mapped: see dial-targets.ts. With a backend (`"<vm>:<port>"` → `"host:port"`) the gate forwards bytes both
 * ways; without one it accepts and holds the connection open, sending nothing.
 */
import net from 'node:net';
import type { SimContext } from '../context';
import { pickDelay } from '../settings';
import { wantedTargets, type WantedTarget } from './dial-targets';
import { judge, type Judgement } from './reachability';

/** A running gate. */
export interface Gate {
  describe(): Record<string, unknown>;
  close(): Promise<void>;
}

interface Endpoint extends WantedTarget {
  gatePort: number;
  server?: net.Server;
  /** The state the listener is in or being brought to. */
  listening: boolean;
  judgement: Judgement;
  pending?: { target: boolean; timer: NodeJS.Timeout };
  chain: Promise<void>;
  sockets: Set<net.Socket>;
  accepted: number;
  lastChange?: { open: boolean; at: string };
  error?: string;
}

/**
 * Reserves a loopback port: binds and releases it, to listen on it whenever the gate opens. Tries `preferred`
 * first (the port of the last run, so a saved profile's address map stays valid) and falls back to a free one.
 */
function reservePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', (err) => (preferred ? resolve(reservePort(0)) : reject(err)));
    s.listen({ host: '127.0.0.1', port: preferred, exclusive: true }, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function portOf(hostPort: string | undefined): number {
  const n = Number(hostPort?.split(':')[1]);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : 0;
}

class GateRunner {
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly backends = new Map<string, string>();
  private scheduled = false;
  private closed = false;
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: SimContext,
    backends: Record<string, string>,
    private readonly preferred: Record<string, string>,
  ) {
    for (const [k, v] of Object.entries(backends)) this.backends.set(k.toLowerCase(), v);
    ctx.events.on('nsg-changed', this.onChange);
    ctx.events.on('power-changed', this.onChange);
    ctx.events.on('settings-changed', this.onChange);
    ctx.events.on('reset', this.onReset);
  }

  private readonly onChange = (): void => {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.evaluateAll();
    });
  };

  private readonly onReset = (): void => {
    this.syncing = this.syncing.then(() => this.sync()).catch((err: unknown) => this.ctx.log(`gate: ${String(err)}`));
  };

  /** Adds endpoints the estate now wants (reserving their ports and filling the address map), then re-evaluates. */
  async sync(): Promise<void> {
    const fresh = wantedTargets(this.ctx.estate, this.backends).filter((w) => {
      const ep = this.endpoints.get(w.key);
      if (ep)
        Object.assign(ep, {
          vmId: w.vmId,
          vmName: w.vmName,
          port: w.port,
          kind: w.kind,
          dialIp: w.dialIp,
          dialPort: w.dialPort,
          backend: w.backend,
        });
      return !ep;
    });
    const ports = await Promise.all(fresh.map((w) => reservePort(portOf(this.preferred[w.key]))));
    fresh.forEach((w, i) => {
      if (this.endpoints.has(w.key)) return;
      const ep: Endpoint = {
        ...w,
        gatePort: ports[i]!,
        listening: false,
        judgement: { open: false, reason: 'not yet evaluated' },
        chain: Promise.resolve(),
        sockets: new Set(),
        accepted: 0,
      };
      this.endpoints.set(w.key, ep);
      this.ctx.addressMap[w.key] = `127.0.0.1:${ep.gatePort}`;
    });
    this.evaluateAll();
  }

  private evaluateAll(): void {
    if (this.closed) return;
    for (const ep of this.endpoints.values()) {
      ep.judgement = judge(this.ctx.estate, ep, this.ctx.settings.blockedPorts);
      this.decide(ep, ep.judgement.open);
    }
  }

  /** Moves the listener towards `open`, after the data-plane lag. */
  private decide(ep: Endpoint, open: boolean): void {
    const heading = ep.pending ? ep.pending.target : ep.listening;
    if (heading === open) return;
    if (ep.pending) clearTimeout(ep.pending.timer);
    ep.pending = undefined;
    if (open === ep.listening) return;
    const lag = pickDelay(this.ctx.settings.dataplaneLagMs);
    if (lag <= 0) return this.transition(ep, open);
    const timer = setTimeout(() => {
      ep.pending = undefined;
      this.transition(ep, open);
    }, lag);
    timer.unref();
    ep.pending = { target: open, timer };
  }

  private transition(ep: Endpoint, open: boolean): void {
    ep.listening = open;
    ep.chain = ep.chain.then(() => (open ? this.listen(ep) : this.unlisten(ep)));
  }

  private async listen(ep: Endpoint): Promise<void> {
    if (ep.server || this.closed || !ep.listening) return;
    const server = net.createServer((sock) => this.connection(ep, sock));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: ep.gatePort, exclusive: true }, () => resolve());
      });
      server.on('error', (err) => this.ctx.log(`gate ${ep.key}: ${err.message}`));
      ep.server = server;
      ep.error = undefined;
      ep.lastChange = { open: true, at: new Date().toISOString() };
    } catch (err) {
      // Someone else holds the port for now; the next evaluation (at most POLL_MS away) tries again.
      ep.error = (err as Error).message;
      ep.listening = false;
      this.ctx.log(`gate ${ep.key}: cannot listen on 127.0.0.1:${ep.gatePort}: ${ep.error}`);
    }
  }

  private async unlisten(ep: Endpoint): Promise<void> {
    const server = ep.server;
    if (!server) return;
    ep.server = undefined;
    // close() stops accepting at once; connections already open live on (as in Azure).
    server.close();
    ep.lastChange = { open: false, at: new Date().toISOString() };
  }

  private connection(ep: Endpoint, sock: net.Socket): void {
    ep.accepted++;
    const track = (s: net.Socket) => {
      ep.sockets.add(s);
      s.on('close', () => ep.sockets.delete(s));
    };
    track(sock);
    sock.setNoDelay(true);
    if (!ep.backend) {
      // No backend: accept and hold the connection open, sending nothing.
      sock.on('error', () => sock.destroy());
      sock.resume();
      return;
    }
    const m = ep.backend.match(/^(.+):(\d+)$/);
    const up = net.connect({ host: m?.[1] ?? '127.0.0.1', port: Number(m?.[2] ?? 0) });
    track(up);
    up.setNoDelay(true);
    sock.on('error', () => up.destroy());
    up.on('error', (err) => {
      this.ctx.log(`gate ${ep.key}: backend ${ep.backend}: ${err.message}`);
      sock.destroy();
    });
    sock.pipe(up);
    up.pipe(sock);
  }

  describe(): Record<string, unknown> {
    return {
      dataplaneLagMs: this.ctx.settings.dataplaneLagMs,
      endpoints: [...this.endpoints.values()].map((ep) => ({
        dial: ep.key,
        gate: `127.0.0.1:${ep.gatePort}`,
        vm: ep.vmName,
        vmId: ep.vmId,
        port: ep.port,
        kind: ep.kind,
        backend: ep.backend ?? null,
        open: Boolean(ep.server),
        allowed: ep.judgement.open,
        reason: ep.judgement.reason,
        source: ep.judgement.source ?? null,
        pendingChange: ep.pending ? (ep.pending.target ? 'open' : 'close') : null,
        connections: ep.sockets.size,
        accepted: ep.accepted,
        lastChange: ep.lastChange ?? null,
        ...(ep.error ? { error: ep.error } : {}),
      })),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ctx.events.off('power-changed', this.onChange);
    this.ctx.events.off('nsg-changed', this.onChange);
    this.ctx.events.off('settings-changed', this.onChange);
    this.ctx.events.off('reset', this.onReset);
    await this.syncing;
    const waits: Array<Promise<void>> = [];
    for (const ep of this.endpoints.values()) {
      if (ep.pending) clearTimeout(ep.pending.timer);
      ep.pending = undefined;
      ep.listening = false;
      await ep.chain;
      const server = ep.server;
      ep.server = undefined;
      if (server) waits.push(new Promise((r) => server.close(() => r())));
      for (const s of ep.sockets) s.destroy();
    }
    await Promise.all(waits);
  }
}

/** Starts the gate listeners and fills `ctx.addressMap`, reusing the gate ports of `previous` where they are free. */
export async function startGate(
  ctx: SimContext,
  backends: Record<string, string>,
  previous: Record<string, string> = {},
): Promise<Gate> {
  const runner = new GateRunner(ctx, backends, previous);
  await runner.sync();
  return { describe: () => runner.describe(), close: () => runner.close() };
}
