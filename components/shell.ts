/** POSIX shell quoting, as the seed does it: the value in single quotes, each `'` as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}
