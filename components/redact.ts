/**
 * A URL safe to print: user info and query/fragment replaced (they can hold
 * tokens), e.g. `https://***@host/path?<redacted>`. Shared by the builder's
 * validation messages and the policy pack's.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/@?#]*@/, "$1***@")
    .replace(/[?#].*$/, (m) => (m.startsWith("?") ? "?<redacted>" : "#<redacted>"));
}
