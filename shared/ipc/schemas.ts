/**
 * zod schemas of the domain shapes that cross the IPC boundary (results and events), mirroring shared/domain/types.ts;
 * a test checks they accept what core returns. Strict objects: a field core should not send (a token, a path) fails.
 */
import { z } from 'zod';
import { CONNECT_STEPS } from '../domain/types';
import { ERROR_CODES } from '../errors/app-error';

/** An AppError's plain form. */
export const AppErrorDataSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fix: z.string().optional(),
    azureCode: z.string().optional(),
  })
  .strict();

/** A JIT port of a policy. */
export const JitPortSchema = z
  .object({
    number: z.number().int(),
    protocol: z.enum(['TCP', 'UDP', '*']),
    maxDuration: z.string(),
    allowedSources: z.array(z.string()),
    sourcesExact: z.boolean().optional(),
  })
  .strict();

/** A VM as the inventory shows it. */
export const VmSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    resourceGroup: z.string(),
    subscriptionId: z.string(),
    subscriptionName: z.string(),
    tenantId: z.string(),
    location: z.string(),
    osType: z.enum(['Windows', 'Linux', 'unknown']),
    size: z.string().optional(),
    powerState: z.enum(['starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated', 'unknown']),
    privateIp: z.string().optional(),
    publicIp: z.string().optional(),
    vnetId: z.string().optional(),
    nsgs: z.object({ nic: z.string().optional(), subnet: z.string().optional() }).strict(),
    p2sPools: z.array(
      z
        .object({
          prefix: z.string(),
          via: z.enum(['vnet-gateway', 'gateway-transit', 'virtual-wan', 'admin-setting']),
          gatewayId: z.string().optional(),
        })
        .strict(),
    ),
    jit: z
      .object({
        state: z.enum(['configured', 'not-configured', 'unsupported', 'unknown']),
        ports: z.array(JitPortSchema),
        policyId: z.string().optional(),
        firewallPublicIp: z.string().optional(),
        reason: z.string().optional(),
      })
      .strict(),
    unknown: z.array(z.string()).optional(),
    inferred: z.array(z.string()).optional(),
  })
  .strict();

/** A problem beside the inventory (a 403, a throttled or slow subscription, a tenant that needs its own sign-in). */
export const InventoryProblemSchema = z
  .object({
    tenantId: z.string(),
    subscriptionId: z.string().optional(),
    subscriptionName: z.string().optional(),
    what: z.string(),
    kind: z.enum(['forbidden', 'needs-sign-in', 'throttled', 'timeout', 'failed']),
    message: z.string(),
    fix: z.string().optional(),
    azureCode: z.string().optional(),
  })
  .strict();

/** A tenant the account can reach. */
export const TenantSchema = z
  .object({ tenantId: z.string(), displayName: z.string().optional(), defaultDomain: z.string().optional() })
  .strict();

/** A JIT grant. */
export const GrantSchema = z
  .object({
    vmId: z.string(),
    vmName: z.string(),
    port: z.number().int(),
    source: z.string(),
    dialAddress: z.string(),
    startTimeUtc: z.string(),
    endTimeUtc: z.string(),
    ruleName: z.string().optional(),
    requestor: z.string().optional(),
  })
  .strict();

/** A live grant with its remaining time and whose it is. */
export const LiveGrantSchema = GrantSchema.extend({
  remainingSeconds: z.number(),
  mine: z.boolean(),
  status: z.string(),
  justification: z.string().optional(),
}).strict();

/** How a request's source was chosen, in words. */
export const SourceChoiceSchema = z
  .object({
    path: z.enum(['vpn', 'public', 'firewall', 'fixed', 'any']),
    requestPrefix: z.string().optional(),
    dialHost: z.string(),
    localAddress: z.string().optional(),
    explanation: z.string(),
  })
  .strict();

/** A connect's progress step. */
export const ConnectStepSchema = z.enum(CONNECT_STEPS);
