/**
 * `session:*`, `tenants:list` and `settings:*`: which cloud and account, sign-in (the browser through the Opener, or a
 * device code shown as an event), sign-out, the tenants, and the settings with the keys the admin manages.
 */
import { AppError } from '../../../shared/errors/app-error';
import type { EventSink, RequestArgs, RequestResult } from '../../../shared/ipc/contract';
import { listTenants } from '../inventory/index';
import { signInTenant } from '../settings/policy-rules';
import { loadSettings, saveSettings, settingsPath, type Settings } from '../settings/settings';
import type { AppSession } from './session';
import { accountView } from './shapes';

/** What the session handlers need. */
export interface SessionHandlerDeps {
  configDir: string;
  session: AppSession;
  sink: EventSink;
  /** Called after the settings changed (the reminders take the new lead times). */
  onSettingsChanged?: (settings: Settings) => void;
}

/** The session, tenant and settings handlers. */
export function sessionHandlers(deps: SessionHandlerDeps) {
  const { session, sink } = deps;

  const deviceCode = async (asked?: string) => {
    // The demo's simulated Entra is not the organisation's: the policy's tenant does not apply to it.
    const tenant = !session.orgCloud ? asked : signInTenant(asked, session.settings());
    const auth = await session.authSession();
    const a = await auth.signInWithDeviceCode(
      (p) =>
        sink('deviceCode:issued', { userCode: p.userCode, verificationUri: p.verificationUri, message: p.message }),
      tenant ? { tenant } : {},
    );
    session.account = a;
    sink('session:changed', { account: accountView(a) });
    return a;
  };

  const settingsView = (): RequestResult<'settings:get'> => {
    const { settings, managed } = session.settings();
    return { settings: { ...settings }, managed: [...managed] };
  };

  return {
    'session:get': async (): Promise<RequestResult<'session:get'>> => {
      const account = await session.currentAccount();
      const cloud = session.configured ? await session.cloud() : undefined;
      const auth = session.configured ? await session.authSession() : undefined;
      return {
        ...(account ? { account: accountView(account) } : {}),
        ...(cloud ? { cloud: { name: cloud.profile.name, demo: session.demo } } : {}),
        signInRemembered: Boolean(auth?.cache.persistent),
      };
    },
    'session:useDemo': async (): Promise<RequestResult<'session:useDemo'>> => {
      const cloud = await session.useDemo();
      // The demo's simulated Entra approves its device code by itself: signed in without a browser.
      if (!(await session.currentAccount())) await deviceCode();
      return { cloud: cloud.profile.name };
    },
    'session:signIn': async (args: RequestArgs<'session:signIn'>): Promise<RequestResult<'session:signIn'>> => {
      if (args.method === 'device-code') return accountView(await deviceCode(args.tenant));
      const tenant = !session.orgCloud ? args.tenant : signInTenant(args.tenant, session.settings());
      const auth = await session.authSession();
      const a = await auth.signInInteractive(tenant ? { tenant } : {});
      session.account = a;
      sink('session:changed', { account: accountView(a) });
      return accountView(a);
    },
    'session:accounts': async (): Promise<RequestResult<'session:accounts'>> => {
      if (!session.configured) return [];
      const all = await (await session.authSession()).accounts();
      return all.map((a) => ({ ...accountView(a), id: a.id, active: a.active }));
    },
    'session:switchAccount': async (
      args: RequestArgs<'session:switchAccount'>,
    ): Promise<RequestResult<'session:switchAccount'>> => {
      const a = await (await session.authSession()).switchAccount(args.id);
      // The inventory is held per account: the next vms:list reads (or loads from cache) the new account's.
      session.account = a;
      sink('session:changed', { account: accountView(a) });
      return accountView(a);
    },
    'session:signOut': async (): Promise<RequestResult<'session:signOut'>> => {
      const removed = session.configured ? await (await session.authSession()).signOut() : undefined;
      session.account = undefined;
      session.forget();
      // Another signed-in account, if any, is the active one now.
      const next = await session.currentAccount();
      sink('session:changed', next ? { account: accountView(next) } : {});
      return { signedOut: removed !== undefined };
    },
    'tenants:list': async (): Promise<RequestResult<'tenants:list'>> => {
      const { account, arm } = await session.arm();
      return (await listTenants(arm)).map((t) => ({
        tenantId: t.tenantId,
        ...(t.displayName ? { displayName: t.displayName } : {}),
        ...(t.defaultDomain ? { defaultDomain: t.defaultDomain } : {}),
        home: t.tenantId === account.homeTenantId,
      }));
    },
    'settings:get': async (): Promise<RequestResult<'settings:get'>> => settingsView(),
    'settings:set': async (args: RequestArgs<'settings:set'>): Promise<RequestResult<'settings:set'>> => {
      const { managed } = session.settings();
      const refused = Object.keys(args.patch).filter((k) => (managed as string[]).includes(k));
      if (refused.length)
        throw new AppError({
          code: 'invalid-input',
          message: `${refused.join(', ')} ${refused.length > 1 ? 'are' : 'is'} set by your administrator's policy and cannot be changed here.`,
          fix: 'Ask your administrator to change the policy.',
        });
      // The user's own file with the patch on top; saveSettings validates it (an unknown key or bad value is named).
      try {
        await saveSettings(deps.configDir, { ...loadSettings(deps.configDir), ...(args.patch as Partial<Settings>) });
      } catch (err) {
        // The renderer is never told file paths: the error names the key and the problem, "your settings" the file.
        if (!(err instanceof AppError)) throw err;
        const file = settingsPath(deps.configDir);
        const data = err.toData();
        throw new AppError({
          ...data,
          message: data.message.replaceAll(file, 'your settings'),
          ...(data.fix ? { fix: data.fix.replaceAll(file, 'your settings') } : {}),
        });
      }
      const view = settingsView();
      deps.onSettingsChanged?.(session.settings().settings);
      return view;
    },
  };
}
