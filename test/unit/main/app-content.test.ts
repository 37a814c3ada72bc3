import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  mediaTypeOf,
  resolveInside,
} from '../../../main/services/app-content';
import { parseExternalUrl } from '../../../main/services/external-links';
import { uniqueName } from '../../../main/services/files';

const root = path.resolve('/srv/app/renderer');

describe('resolveInside', () => {
  it('maps request paths to files inside the root', () => {
    expect(resolveInside(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/index-abc.js')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveInside(root, '/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    '/../secret',
    '/assets/../../secret',
    '/%2e%2e/secret',
    '/..%2fsecret',
    '/assets/%2e%2e%2f%2e%2e%2fsecret',
    '/..\\secret',
    '/%5c..%5csecret',
    '/index.html%00.png',
    '/./index.html',
    '/%E0%A4%A',
  ])('refuses %s', (requestPath) => {
    expect(resolveInside(root, requestPath)).toBeNull();
  });
});

describe('content headers', () => {
  it('sends a strict CSP: no inline script, no remote anything, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    // WebAssembly compilation (streaming SHA-256) is allowed; JavaScript eval is not.
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('labels what it serves', () => {
    expect(mediaTypeOf('a/index.html')).toBe('text/html; charset=utf-8');
    expect(mediaTypeOf('a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(mediaTypeOf('a/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('external links', () => {
  it('accepts absolute http(s) URLs without credentials only', () => {
    expect(parseExternalUrl('https://example.org/path')?.hostname).toBe('example.org');
    expect(parseExternalUrl('http://localhost:8080')).not.toBeNull();
    for (const refused of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ftp://example.org',
      '//example.org',
      'https://a:b@example.org',
      'data:text/html,x',
      'app://demo-ledger/',
    ]) {
      expect(parseExternalUrl(refused)).toBeNull();
    }
  });
});

describe('uniqueName', () => {
  it('numbers a name until it is free', () => {
    expect(uniqueName(new Set(), 'report.pdf')).toBe('report.pdf');
    expect(uniqueName(new Set(['report.pdf', 'report (2).pdf']), 'report.pdf')).toBe(
      'report (3).pdf',
    );
    expect(uniqueName(new Set(['notes']), 'notes')).toBe('notes (2)');
  });
});
