/**
 * A request's asked-for source (`auto`, `vpn`, `public`, a CIDR, or none: the settings') as a source mode, and
 * the chooser every face uses: the settings' ranges and modes, the asked-for source, this machine's network.
 */
import { AppError } from '../../../shared/errors/app-error';
import { parseCidr } from '../../../shared/net/cidr';
import type { JitPort, Vm } from '../../../shared/domain/types';
import type { NetworkInterfaces } from '../ports';
import type { Settings, SourceMode } from '../settings/settings';
import { chooseSource } from './choose-source';

/** The source mode and fixed ranges for `source`; an unknown value is an `invalid-input` naming the choices. */
export function sourceMode(source: string | undefined, settings: Settings): { mode: SourceMode; fixed: string[] } {
  if (!source) return { mode: settings.sourceMode, fixed: settings.fixedSources };
  if (source === 'auto' || source === 'public') return { mode: source, fixed: [] };
  if (source === 'vpn') return { mode: 'vpn-only', fixed: [] };
  if (parseCidr(source)) return { mode: 'fixed', fixed: [source] };
  throw new AppError({
    code: 'invalid-input',
    message: `The source ${source} is not auto, vpn, public or an IPv4 range.`,
    fix: 'Choose auto, VPN or public, or give a range such as 10.13.1.0/24.',
  });
}

/** Chooses a VM port's source with what was asked (`source`, `yesAnySource`) under the settings. */
export function sourceChooser(
  asked: { source?: string | undefined; yesAnySource?: boolean },
  settings: Settings,
  network: NetworkInterfaces,
): (vm: Vm, port: JitPort) => ReturnType<typeof chooseSource> {
  const { mode, fixed } = sourceMode(asked.source, settings);
  return (vm, port) =>
    chooseSource({
      vm,
      port,
      mode,
      fixedSources: fixed,
      allowedModes: settings.allowedSourceModes,
      privateSourceRanges: settings.privateSourceRanges,
      yesAnySource: Boolean(asked.yesAnySource),
      network,
    });
}
