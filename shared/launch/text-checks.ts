/**
 * Checks on the values that go into a client's command line or connection file. Each returns the problem as a
 * sentence, or undefined when the value is safe; callers turn a problem into an error before anything is launched.
 */

/** C0/C1 controls, DEL and the Unicode line and paragraph separators: anything that could end a line of a file. */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A problem with a value that must stay on one line of a file or one argument, or undefined. */
export function lineProblem(what: string, value: string, maxLength = 256): string | undefined {
  if (value.length === 0) return `${what} is empty`;
  if (value.length > maxLength) return `${what} is longer than ${maxLength} characters`;
  if (LINE_BREAKING.test(value)) return `${what} contains a line break or another control character`;
  return undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A problem with a host to dial, or undefined: an IPv4 address or a DNS name (letters, digits, `-` inside labels,
 * dots). Nothing else can reach a command line, so a host can never start an option (`-oProxyCommand=`) nor carry a
 * second setting.
 */
export function hostProblem(host: string): string | undefined {
  if (IPV4.test(host)) return undefined;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length === 0 || name.length > 253 || !name.split('.').every((l) => DNS_LABEL.test(l))) {
    return `"${printable(host)}" is not an IPv4 address or a host name`;
  }
  return undefined;
}

/** A problem with a TCP port, or undefined. */
export function portProblem(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : `${port} is not a TCP port`;
}

/**
 * The characters OpenSSH itself refuses in a user name given on its command line (since 9.6, backported by
 * distributions: "remote username contains invalid characters"), refused here first so the message is ours.
 */
const SSH_USER_REFUSED = /['`";&<>|(){}]/;

/** A problem with a user name for `ssh`, or undefined (same rules as OpenSSH's `valid_ruser`). */
export function sshUserProblem(user: string): string | undefined {
  const line = lineProblem('the user name', user);
  if (line) return line;
  if (user.startsWith('-')) return 'the user name starts with "-"';
  if (SSH_USER_REFUSED.test(user)) return 'the user name contains one of \' ` " ; & < > | ( ) { }, which ssh refuses';
  if (/\s-/.test(user)) return 'the user name has a "-" after a space, which ssh refuses';
  if (user.endsWith('\\')) return 'the user name ends with "\\", which ssh refuses';
  return undefined;
}

/** The value with control characters shown as escapes, for an error message. */
export function printable(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
