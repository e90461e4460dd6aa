/**
 * The one IPC contract (DESIGN.md §4): every call the UI makes and every event it hears, as `'noun:verb'` channels
 * with zod schemas for the arguments, the result and the event payloads. The Electron preload and main handlers and
 * the browser shell's bridge are all derived from it; a test checks that they list the same channels. The renderer
 * sends ids, never paths, URLs or command lines; tokens never come back.
 */
import { z } from 'zod';
import {
  AppErrorDataSchema,
  ConnectStepSchema,
  GrantSchema,
  InventoryProblemSchema,
  JitPortSchema,
  LiveGrantSchema,
  SourceChoiceSchema,
  TenantSchema,
  VmSchema,
} from './schemas';

const none = z.object({}).strict();
const vmId = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^\/subscriptions\//i, 'a resource id');
const port = z.number().int().min(1).max(65535);
const duration = z.string().min(2).max(20);
const account = z.object({ username: z.string(), name: z.string().optional(), tenantId: z.string() }).strict();

/** Calls: the renderer asks, core answers (or fails with an AppError). */
export const REQUESTS = {
  'session:get': {
    args: none,
    result: z
      .object({
        account: account.optional(),
        cloud: z.object({ name: z.string(), demo: z.boolean() }).strict().optional(),
        signInRemembered: z.boolean(),
      })
      .strict(),
  },
  'session:useDemo': { args: none, result: z.object({ cloud: z.string() }).strict() },
  'session:signIn': {
    args: z.object({ method: z.enum(['browser', 'device-code']), tenant: z.string().max(256).optional() }).strict(),
    result: account,
  },
  'session:accounts': {
    args: none,
    result: z.array(account.extend({ id: z.string(), active: z.boolean() }).strict()),
  },
  'session:switchAccount': { args: z.object({ id: z.string().min(1).max(512) }).strict(), result: account },
  'session:signOut': { args: none, result: z.object({ signedOut: z.boolean() }).strict() },
  'tenants:list': { args: none, result: z.array(TenantSchema.extend({ home: z.boolean() }).strict()) },
  'vms:list': {
    args: z.object({ refresh: z.boolean().optional() }).strict(),
    result: z
      .object({
        vms: z.array(VmSchema),
        problems: z.array(InventoryProblemSchema),
        fromCache: z.boolean(),
        savedAt: z.string().optional(),
      })
      .strict(),
  },
  'connect:preview': {
    args: z.object({ vmId, port: port.optional() }).strict(),
    result: z
      .object({
        ports: z.array(JitPortSchema),
        port: port,
        source: SourceChoiceSchema.optional(),
        sourceError: AppErrorDataSchema.optional(),
        maxDuration: z.string(),
        justificationTemplate: z.string(),
      })
      .strict(),
  },
  'connect:start': {
    args: z
      .object({
        targets: z
          .array(z.object({ vmId, port: port.optional() }).strict())
          .min(1)
          .max(20),
        source: z.string().max(64).optional(),
        yesAnySource: z.boolean().optional(),
        duration: duration.optional(),
        justification: z.string().max(500).optional(),
        ticket: z.string().max(100).optional(),
        user: z.string().max(256).optional(),
        launch: z.boolean(),
      })
      .strict(),
    result: z.object({ connectId: z.string() }).strict(),
  },
  'connect:cancel': { args: z.object({ connectId: z.string().max(64) }).strict(), result: none },
  'grants:list': {
    args: z.object({ all: z.boolean().optional() }).strict(),
    result: z
      .object({
        grants: z.array(LiveGrantSchema),
        replaced: z.array(z.object({ grant: GrantSchema, replacedBy: z.string(), message: z.string() }).strict()),
      })
      .strict(),
  },
  'grants:extend': {
    args: z.object({ vmId, port, duration: duration.optional() }).strict(),
    result: GrantSchema,
  },
  'grants:history': {
    args: none,
    result: z.array(
      z
        .object({
          at: z.string(),
          kind: z.enum(['request', 'extend', 'outcome']),
          vmId: z.string(),
          vmName: z.string(),
          port: z.number().int(),
          source: z.string().optional(),
          justification: z.string().optional(),
          outcome: z.enum(['granted', 'failed', 'replaced', 'expired']),
          errorCode: z.string().optional(),
          message: z.string().optional(),
          startTimeUtc: z.string().optional(),
          endTimeUtc: z.string().optional(),
          requestor: z.string().optional(),
          replacedBy: z.string().optional(),
          requestId: z.string().optional(),
          activityLog: z.string(),
        })
        .strict(),
    ),
  },
  /** The settings in force, and which keys the admin policy manages (shown as managed, not editable). */
  'settings:get': {
    args: none,
    result: z.object({ settings: z.record(z.string(), z.unknown()), managed: z.array(z.string()) }).strict(),
  },
  /** Changes some user settings (validated by core's settings schema; a managed key is refused). */
  'settings:set': {
    args: z.object({ patch: z.record(z.string().max(64), z.unknown()) }).strict(),
    result: z.object({ settings: z.record(z.string(), z.unknown()), managed: z.array(z.string()) }).strict(),
  },
  'jit:enable': {
    args: z
      .object({
        vmId,
        ports: z.array(port).max(10).optional(),
        maxDuration: duration.optional(),
        allowedSource: z.string().max(64).optional(),
      })
      .strict(),
    result: z.object({ policyId: z.string(), created: z.boolean(), vmCount: z.number().int() }).strict(),
  },
} as const;

/** Events: core tells the renderer what happened (past tense). */
export const EVENTS = {
  'session:changed': z.object({ account: account.optional() }).strict(),
  'deviceCode:issued': z.object({ userCode: z.string(), verificationUri: z.string(), message: z.string() }).strict(),
  'connect:progressed': z
    .object({
      connectId: z.string(),
      vmId: z.string(),
      vmName: z.string(),
      port,
      step: ConnectStepSchema,
      elapsedMs: z.number(),
      detail: z.string().optional(),
    })
    .strict(),
  'connect:finished': z
    .object({
      connectId: z.string(),
      grants: z.array(GrantSchema).optional(),
      error: AppErrorDataSchema.optional(),
      /** The demo launches nothing (its VMs run no client server): the command line it would have run, per grant. */
      wouldRun: z.array(z.string()).optional(),
    })
    .strict(),
  'grant:expiring': z.object({ grant: GrantSchema, minutesLeft: z.number(), text: z.string() }).strict(),
  'grant:expired': z.object({ grant: GrantSchema, text: z.string() }).strict(),
  /** Keep access while connected requested a grant again (or stopped, saying why): shown in the window too. */
  'keepAccess:notified': z
    .object({ key: z.string().max(2048), title: z.string().max(500), text: z.string().max(2000) })
    .strict(),
  /** A `jitconnect://` link arrived (checked by shared/deep-link): the UI asks the user before requesting anything. */
  'deepLink:opened': z
    .object({
      link: z
        .object({
          vm: z.string().min(1).max(512),
          vmKind: z.enum(['id', 'name']),
          port,
          duration: duration.optional(),
          justification: z.string().max(500).optional(),
        })
        .strict()
        .optional(),
      /** Why the link was refused (nothing is asked then, only shown). */
      error: AppErrorDataSchema.optional(),
    })
    .strict(),
} as const;

/** A request channel. */
export type RequestChannel = keyof typeof REQUESTS;
/** An event channel. */
export type EventChannel = keyof typeof EVENTS;
/** The arguments of a request. */
export type RequestArgs<C extends RequestChannel> = z.infer<(typeof REQUESTS)[C]['args']>;
/** The result of a request. */
export type RequestResult<C extends RequestChannel> = z.infer<(typeof REQUESTS)[C]['result']>;
/** The payload of an event. */
export type EventPayload<C extends EventChannel> = z.infer<(typeof EVENTS)[C]>;

/** What crosses the wire for a call's answer: a value, or an AppError (never a stack or an internal object). */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof AppErrorDataSchema> };

/** The API the renderer sees as `window.jitConnect` (built from the contract by the preload or the browser bridge). */
export interface JitConnectApi {
  call<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
}

/** Every request channel, in the contract's order. */
export const REQUEST_CHANNELS = Object.keys(REQUESTS) as RequestChannel[];
/** Every event channel. */
export const EVENT_CHANNELS = Object.keys(EVENTS) as EventChannel[];

/** Parses a request's arguments (a malformed payload throws a ZodError: the handler never sees it). */
export function parseArgs<C extends RequestChannel>(channel: C, raw: unknown): RequestArgs<C> {
  const spec = REQUESTS[channel];
  if (!spec) throw new Error(`unknown channel ${String(channel)}`);
  return spec.args.parse(raw) as RequestArgs<C>;
}

/** What a face needs from core: one handler per request channel (core's app service implements it). */
export type Handlers = { [C in RequestChannel]: (args: RequestArgs<C>) => Promise<RequestResult<C>> };

/** Where core sends events (the shell forwards them to the window or the WebSocket). */
export type EventSink = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void;
