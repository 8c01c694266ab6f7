// The one check for every "return to" / "next" parameter (the display toolbar's `return`, the
// login form's `next`, …): only a path on this site is ever put into a Location header.
//
// The value is parsed by the WHATWG URL parser — the one browsers use — against a fixed origin,
// and accepted only when it stays on that origin. String checks alone are not enough: the parser
// drops tabs and newlines ("/\t/evil.example" becomes "//evil.example"), reads "\" as "/", and
// resolves dot segments ("/.//evil.example" has the path "//evil.example", which a browser reads
// as another host). The answer is the parser's own serialisation, so it is plain ASCII (non-Latin
// characters come back percent-encoded) and always fits in a header.
const ORIGIN = 'http://gongkai.invalid';
const MAX_INPUT = 1000;
const MAX_OUTPUT = 2000;

/** A same-origin path (with its query and fragment) to redirect to, else `fallback`. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_INPUT) return fallback;
  // Control characters and backslashes never appear in a path this site makes.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value)) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//') || path.length > MAX_OUTPUT) return fallback;
  return path;
}
