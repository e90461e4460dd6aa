/** Connect's public API: what the CLI and the desktop app call. */
export { connect } from './connect';
export type { Connection, ConnectEvent, ConnectOptions, ConnectResult } from './connect';
export type { ChooseSource, ConnectTarget } from './plan';
export { chooseDuration, chooseJustification, choosePort, endTimeOnAzure } from './choose-request';
export { resolveVm } from './resolve-vm';
export { startVm } from './start-vm';
export { tcpProbe, type Probe } from './probe';
export { DEFAULT_POLL, type PollTiming } from './watch-rule';
