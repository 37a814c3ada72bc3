import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Serving the built renderer, shared by the Electron `app://` protocol and the Chromium host's
 * route. Neither host touches `file://`; both apply the same traversal guard and headers.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // WebAssembly compilation only (streaming SHA-256 of evidence); JavaScript eval stays off.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mediaTypeOf(filePath: string): string {
  return MEDIA_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file inside `root`, or null when it would escape `root`
 * (`..`, encoded separators, NUL bytes, absolute paths). `/` maps to `index.html`.
 */
export function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const resolvedRoot = path.resolve(root);
  const target = path.resolve(resolvedRoot, ...segments);
  if (target !== resolvedRoot && !target.startsWith(resolvedRoot + path.sep)) return null;
  return target;
}

export interface ContentResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Reads a file for the app origin; symlinks pointing outside the root are refused too. */
export async function readAppContent(root: string, requestPath: string): Promise<ContentResponse> {
  const target = resolveInside(root, requestPath);
  if (target === null) return notFound();
  try {
    const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)]);
    if (realTarget !== realRoot && !realTarget.startsWith(realRoot + path.sep)) return notFound();
    const info = await stat(realTarget);
    if (!info.isFile()) return notFound();
    const body = await readFile(realTarget);
    return {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mediaTypeOf(realTarget) },
      body,
    };
  } catch {
    return notFound();
  }
}

function notFound(): ContentResponse {
  return {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from('Not found'),
  };
}
