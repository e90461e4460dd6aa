/**
 * Settings: the user settings core keeps (source mode, default duration, justification template, reminder times,
 * default ports, RDP options), saved through `settings:set`. Keys the admin policy sets are shown read-only; core's
 * validation error is shown next to the field it names, with its fix.
 */
import { useEffect, useState, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Text,
} from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { describeError } from '../app/api';
import { errorKey, errorText, RDP_FLAGS, toForm, toPatch, type RdpFlag, type SettingsForm } from './settings-model';

type View = RequestResult<'settings:get'>;

const MODES: Record<string, string> = {
  auto: 'Automatic: the VPN when it reaches the VM, else your public address',
  'vpn-only': 'VPN only',
  public: 'Your public address',
  fixed: 'Fixed ranges',
};
const RDP_LABELS: Record<RdpFlag, string> = {
  fullScreen: 'Full screen',
  multimon: 'Use all monitors',
  admin: 'Administrative session',
  entraSignIn: 'Sign in to the VM with Microsoft Entra ID',
};
const MANAGED = 'Managed by your organisation';
/** The fields' labels by settings key (the summary names the field an error is about). */
const LABELS: Record<string, string> = {
  sourceMode: 'Source of requests',
  defaultDuration: 'Default duration',
  justificationTemplate: 'Justification template',
  reminderLeadMinutes: 'Remind me before a grant ends',
  defaultPorts: 'Default ports',
  rdp: 'Remote Desktop',
  keepAccessWhileConnected: 'Keep access while connected',
  keepAccessCapHours: 'Keep access for at most',
  startAtLogin: 'Start when I sign in',
};

/** The settings dialog. */
export function SettingsDialog({ api, open, onClose }: { api: JitConnectApi; open: boolean; onClose: () => void }) {
  const [view, setView] = useState<View | undefined>();
  const [form, setForm] = useState<SettingsForm | undefined>();
  const [error, setError] = useState<{ key?: string; message: string; fix?: string } | undefined>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setView(undefined);
    setError(undefined);
    setSaved(false);
    api.call('settings:get', {}).then(
      (v) => {
        setView(v);
        setForm(toForm(v.settings));
      },
      (e: unknown) => setError(describeError(e)),
    );
  }, [api, open]);

  async function save(): Promise<void> {
    if (!view || !form) return;
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const v = await api.call('settings:set', { patch: toPatch(view.settings, form) });
      setView(v);
      setForm(toForm(v.settings));
      setSaved(true);
    } catch (e) {
      const d = describeError(e);
      setError({ ...d, ...(errorKey(d.message) ? { key: errorKey(d.message) } : {}) });
    } finally {
      setBusy(false);
    }
  }

  const managed = (key: string) => view?.managed.includes(key) ?? false;
  /** A field: read-only under the policy, core's error (and its fix) beneath when it names this key. */
  const field = (key: string, label: string, hint: string, control: (disabled: boolean) => ReactNode) => {
    const bad = error?.key === key;
    return (
      <Field
        label={label}
        hint={managed(key) ? MANAGED : hint}
        {...(bad ? { validationState: 'error' as const, validationMessage: errorText(error.message, error.fix) } : {})}
      >
        {control(managed(key) || busy)}
      </Field>
    );
  };
  const set = (patch: Partial<SettingsForm>) => form && setForm({ ...form, ...patch });
  const allowed = (view?.settings.allowedSourceModes as string[] | undefined) ?? Object.keys(MODES);

  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface className="wide-dialog">
        <DialogBody>
          <DialogTitle>Settings</DialogTitle>
          <DialogContent className="settings-form">
            {/* The outcome stays in sight above the fields, which scroll. */}
            <div className="settings-status" aria-live="polite">
              {error && !error.key && (
                <MessageBar intent="error">
                  <MessageBarBody className="wrap-anywhere">
                    {error.message} {error.fix}
                  </MessageBarBody>
                </MessageBar>
              )}
              {error?.key && (
                <MessageBar intent="error">
                  <MessageBarBody className="wrap-anywhere">
                    Not saved: {LABELS[error.key] ?? error.key} needs a change.
                  </MessageBarBody>
                </MessageBar>
              )}
              {saved && (
                <MessageBar intent="success">
                  <MessageBarBody className="wrap-anywhere">Settings saved.</MessageBarBody>
                </MessageBar>
              )}
            </div>
            <div className="scroll-content settings-form">
              {!view || !form ? (
                !error && <Spinner label="Reading the settings…" />
              ) : (
                <>
                  {field('sourceMode', 'Source of requests', 'Where Azure admits your connection from.', (disabled) => (
                    <Dropdown
                      disabled={disabled}
                      value={MODES[form.sourceMode] ?? form.sourceMode}
                      selectedOptions={[form.sourceMode]}
                      onOptionSelect={(_, d) => d.optionValue && set({ sourceMode: d.optionValue })}
                    >
                      {allowed.map((m) => (
                        <Option key={m} value={m}>
                          {MODES[m] ?? m}
                        </Option>
                      ))}
                    </Dropdown>
                  ))}
                  {field(
                    'defaultDuration',
                    'Default duration',
                    'e.g. 1h or PT90M; empty: the policy’s maximum.',
                    (d) => (
                      <Input
                        disabled={d}
                        value={form.defaultDuration}
                        onChange={(_, v) => set({ defaultDuration: v.value })}
                      />
                    ),
                  )}
                  {field(
                    'justificationTemplate',
                    'Justification template',
                    '{ticket}, {vm}, {user} and {port} are filled in.',
                    (d) => (
                      <Input
                        disabled={d}
                        value={form.justificationTemplate}
                        onChange={(_, v) => set({ justificationTemplate: v.value })}
                      />
                    ),
                  )}
                  {field(
                    'reminderLeadMinutes',
                    'Remind me before a grant ends (minutes)',
                    'Comma-separated, e.g. 10, 2.',
                    (d) => (
                      <Input
                        disabled={d}
                        value={form.reminderLeadMinutes}
                        onChange={(_, v) => set({ reminderLeadMinutes: v.value })}
                      />
                    ),
                  )}
                  <div className="button-row">
                    {field('defaultPorts', 'Windows port', 'Used when a Windows VM’s port was never chosen.', (d) => (
                      <Input disabled={d} value={form.windowsPort} onChange={(_, v) => set({ windowsPort: v.value })} />
                    ))}
                    {field('defaultPorts', 'Linux port', 'Used when a Linux VM’s port was never chosen.', (d) => (
                      <Input disabled={d} value={form.linuxPort} onChange={(_, v) => set({ linuxPort: v.value })} />
                    ))}
                  </div>
                  {/* A group of switches: a fieldset and its legend name them (a Field labels one control only). */}
                  <fieldset className="checks" disabled={managed('rdp') || busy}>
                    <legend>Remote Desktop{managed('rdp') ? ` — ${MANAGED}` : ''}</legend>
                    {RDP_FLAGS.map((f) => (
                      <Checkbox
                        key={f}
                        disabled={managed('rdp') || busy}
                        label={RDP_LABELS[f]}
                        checked={form.rdp[f]}
                        onChange={(_, v) => set({ rdp: { ...form.rdp, [f]: v.checked === true } })}
                      />
                    ))}
                    {error?.key === 'rdp' && (
                      <Text role="alert" className="field-error">
                        {errorText(error.message, error.fix)}
                      </Text>
                    )}
                  </fieldset>
                  <fieldset className="checks" disabled={busy}>
                    <legend>In the background</legend>
                    <Checkbox
                      disabled={managed('keepAccessWhileConnected') || busy}
                      label={`Keep access while connected: request again shortly before a grant ends, while the client the app started runs${
                        managed('keepAccessWhileConnected') ? ` — ${MANAGED}` : ''
                      }`}
                      checked={form.keepAccessWhileConnected}
                      onChange={(_, v) => set({ keepAccessWhileConnected: v.checked === true })}
                    />
                    <Checkbox
                      disabled={managed('startAtLogin') || busy}
                      label={`Start JIT Connect in the tray when I sign in to this computer (desktop app)${
                        managed('startAtLogin') ? ` — ${MANAGED}` : ''
                      }`}
                      checked={form.startAtLogin}
                      onChange={(_, v) => set({ startAtLogin: v.checked === true })}
                    />
                    {(error?.key === 'keepAccessWhileConnected' || error?.key === 'startAtLogin') && (
                      <Text role="alert" className="field-error">
                        {errorText(error.message, error.fix)}
                      </Text>
                    )}
                  </fieldset>
                  {field(
                    'keepAccessCapHours',
                    'Keep access for at most (hours)',
                    'In total, counted from the first request.',
                    (d) => (
                      <Input
                        disabled={d || !form.keepAccessWhileConnected}
                        value={form.keepAccessCapHours}
                        onChange={(_, v) => set({ keepAccessCapHours: v.value })}
                      />
                    ),
                  )}
                </>
              )}
            </div>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!form || busy} onClick={() => void save()}>
              {busy ? 'Saving…' : 'Save'}
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
