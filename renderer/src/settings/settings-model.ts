/** The settings form's values, the patch they make, and which field a core validation error is about. */

/** The settings the screen edits, as the form holds them (text where the person types). */
export interface SettingsForm {
  sourceMode: string;
  defaultDuration: string;
  justificationTemplate: string;
  reminderLeadMinutes: string;
  windowsPort: string;
  linuxPort: string;
  rdp: Record<RdpFlag, boolean>;
  keepAccessWhileConnected: boolean;
  keepAccessCapHours: string;
  startAtLogin: boolean;
}

/** The RDP switches shown. */
export const RDP_FLAGS = ['fullScreen', 'multimon', 'admin', 'entraSignIn'] as const;
/** An RDP switch. */
export type RdpFlag = (typeof RDP_FLAGS)[number];

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === 'object' ? (v as Raw) : {});

/** The form for the settings core answered. */
export function toForm(s: Raw): SettingsForm {
  const ports = obj(s.defaultPorts);
  const rdp = obj(s.rdp);
  return {
    sourceMode: String(s.sourceMode ?? 'auto'),
    defaultDuration: typeof s.defaultDuration === 'string' ? s.defaultDuration : '',
    justificationTemplate: String(s.justificationTemplate ?? ''),
    reminderLeadMinutes: Array.isArray(s.reminderLeadMinutes) ? s.reminderLeadMinutes.join(', ') : '',
    windowsPort: String(ports.Windows ?? 3389),
    linuxPort: String(ports.Linux ?? 22),
    rdp: Object.fromEntries(RDP_FLAGS.map((f) => [f, rdp[f] === true])) as Record<RdpFlag, boolean>,
    keepAccessWhileConnected: s.keepAccessWhileConnected === true,
    keepAccessCapHours: String(s.keepAccessCapHours ?? 8),
    startAtLogin: s.startAtLogin === true,
  };
}

/** A number typed as text, or the text itself (core then names the bad value). */
const num = (t: string): number | string => (/^\s*\d+\s*$/.test(t) ? Number(t) : t.trim());

/**
 * The patch for what changed between `before` and `form`. Values are passed as typed so core's validation, the one
 * source of truth, judges them; only the shapes (numbers, lists) are made here.
 */
export function toPatch(before: Raw, form: SettingsForm): Raw {
  const was = toForm(before);
  const patch: Raw = {};
  if (form.sourceMode !== was.sourceMode) patch.sourceMode = form.sourceMode;
  // Empty means "the policy's maximum": a key cannot be removed through a patch, so an empty field is left alone.
  if (form.defaultDuration.trim() && form.defaultDuration !== was.defaultDuration)
    patch.defaultDuration = form.defaultDuration.trim();
  if (form.justificationTemplate !== was.justificationTemplate)
    patch.justificationTemplate = form.justificationTemplate;
  if (form.reminderLeadMinutes !== was.reminderLeadMinutes)
    patch.reminderLeadMinutes = form.reminderLeadMinutes
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(num);
  if (form.windowsPort !== was.windowsPort || form.linuxPort !== was.linuxPort)
    patch.defaultPorts = { Windows: num(form.windowsPort), Linux: num(form.linuxPort) };
  if (RDP_FLAGS.some((f) => form.rdp[f] !== was.rdp[f])) patch.rdp = { ...obj(before.rdp), ...form.rdp };
  if (form.keepAccessWhileConnected !== was.keepAccessWhileConnected)
    patch.keepAccessWhileConnected = form.keepAccessWhileConnected;
  if (form.keepAccessCapHours !== was.keepAccessCapHours) patch.keepAccessCapHours = num(form.keepAccessCapHours);
  if (form.startAtLogin !== was.startAtLogin) patch.startAtLogin = form.startAtLogin;
  return patch;
}

/** The settings key a core error names (`… invalid at "defaultPorts.Windows": …` → `defaultPorts`). */
export function errorKey(message: string): string | undefined {
  const m = /at "([A-Za-z]+)/.exec(message) ?? /^([A-Za-z]+)(?:, [A-Za-z]+)* (?:is|are) set by/.exec(message);
  return m?.[1];
}

/** The part of a core error that says what is wrong with the value (the field's label already names the key). */
export function errorText(message: string, fix?: string): string {
  const what = /invalid at "[^"]+": (.*)$/s.exec(message)?.[1] ?? message;
  return `${what.replace(/\.?$/, '.')}${fix ? ` ${fix}` : ''}`;
}
