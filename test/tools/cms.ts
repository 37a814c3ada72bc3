import path from 'node:path';
import { tool } from './run';

/**
 * `openssl cms -verify` of a detached signature over `content` (DER files), trusting only the
 * certificates in `caFile`: the outside judge of every manifest signature.
 */
export function opensslCmsVerify(
  signature: string,
  content: string,
  caFile: string,
): { status: number; stderr: string } {
  const result = tool('openssl', [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    signature,
    '-content',
    content,
    '-CAfile',
    caFile,
    '-purpose',
    'any',
    '-out',
    path.join(path.dirname(signature), 'cms-verified.out'),
  ]);
  return { status: result.status, stderr: result.stderr };
}
