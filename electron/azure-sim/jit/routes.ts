/** Microsoft.Security jitNetworkAccessPolicies (2020-01-01): list, get, put, delete, initiate. */
import type { ArmApi } from '../arm/pipeline';
import type { JitEngine } from './engine';

/** Registers the JIT operations. */
export function registerJitRoutes(_api: ArmApi, _engine: JitEngine): void {}
