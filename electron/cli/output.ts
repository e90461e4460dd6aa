/** What the CLI prints: tables for people, one JSON document for scripts, errors with their fix on stderr. */
import type { InventoryProblem, Vm } from '../../shared/domain/types';
import { AppError, isAppErrorData, type AppErrorData } from '../../shared/errors/app-error';
import { flagHint } from './flag-hints';

/** Lays rows out in columns (two spaces apart), the header first. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The JIT column: the ports, or why there are none. */
export function jitSummary(vm: Vm): string {
  switch (vm.jit.state) {
    case 'configured':
      return vm.jit.ports.map((p) => p.number).join(',') || 'configured';
    case 'not-configured':
      return 'not configured';
    case 'unsupported':
      return `unsupported${vm.jit.reason ? ` (${vm.jit.reason})` : ''}`;
    default:
      return `unknown${vm.jit.reason ? ` (${vm.jit.reason})` : ''}`;
  }
}

/** The `vms` table: name, subscription, power, OS, IP, JIT ports. */
export function vmTable(vms: Vm[]): string {
  return table(
    ['NAME', 'SUBSCRIPTION', 'POWER', 'OS', 'IP', 'JIT'],
    vms.map((vm) => [
      vm.name,
      vm.subscriptionName,
      vm.powerState,
      vm.osType,
      [vm.privateIp, vm.publicIp].filter(Boolean).join(' / ') || '-',
      jitSummary(vm),
    ]),
  );
}

/** One line per problem, for stderr beside the list. */
export function problemLines(problems: InventoryProblem[]): string[] {
  return problems.map((p) => {
    const where = p.subscriptionName ?? p.subscriptionId ?? `tenant ${p.tenantId}`;
    return `note: ${where}: ${p.what}: ${p.message}`;
  });
}

/** The error as the CLI reports it: an AppError's data, or an internal error. */
export function errorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  if (isAppErrorData(err)) return err;
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** The error for people: the message, then what to do, then the command or flag that does it here. */
export function errorText(data: AppErrorData): string {
  const hint = flagHint(data);
  return `error: ${data.message}${data.fix ? `\n  fix: ${data.fix}` : ''}${hint ? `\n  try: ${hint}` : ''}`;
}
