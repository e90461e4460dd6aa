/** Every command of `jit-connect`, in the order `--help` lists them. */
import type { CommandDef } from './command';
import { connect } from './connect';
import { enableCmd, extendCmd, grants } from './grants';
import { login, logout } from './login';
import { open } from './open';
import { tenants } from './tenants';
import { vms } from './vms';

/** The commands. */
export const COMMANDS: CommandDef[] = [login, logout, tenants, vms, connect, open, grants, extendCmd, enableCmd];
