/**
 * RFC 6266 / RFC 5987 Content-Disposition with an ASCII fallback and the UTF-8 (Chinese) name: every
 * download names its file through this. `fallback` is the name for clients that cannot read
 * `filename*` (default: the name with anything not ASCII as `_`).
 */
export function contentDisposition(
  fileName: string,
  disposition: 'attachment' | 'inline' = 'attachment',
  fallback?: string,
): string {
  const ascii = (fallback ?? fileName).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
