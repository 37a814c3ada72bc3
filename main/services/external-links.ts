/**
 * Only absolute http(s) URLs without credentials may leave the app for the system browser.
 * Everything else (file:, javascript:, custom schemes, relative paths) is refused.
 */
export function parseExternalUrl(candidate: string): URL | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '') return null;
  return url;
}
