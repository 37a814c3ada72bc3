import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { certificateRequest, ecKey, issueCertificate } from './pki';

/**
 * A local RFC 3161 timestamp authority: `openssl ts -reply` behind a tiny HTTP server on
 * 127.0.0.1, with a TSA certificate issued by the test CA. Bounded in requests; stopped by
 * `close()`.
 */
export interface LocalTsa {
  url: string;
  requests: number;
  close(): Promise<void>;
}

export async function startLocalTsa(
  caPem: string,
  caKey: string,
  maxRequests = 20,
  validAt: Date = new Date(),
): Promise<LocalTsa> {
  const dir = mkdtempSync(path.join(tmpdir(), 'demo-ledger-tsa-'));
  const at = (name: string): string => path.join(dir, name);
  ecKey(at('tsa.key'));
  const tsaPem = issueCertificate({
    dir,
    name: 'tsa',
    csr: certificateRequest(dir, 'tsa', at('tsa.key'), '/CN=Demo Ledger Test TSA/O=Test Audit Org'),
    extensions: [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=critical,timeStamping',
    ].join('\n'),
    at: validAt,
    issuer: { pem: caPem, key: caKey },
  });
  writeFileSync(at('serial'), '01\n');
  writeFileSync(
    at('tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `serial = ${at('serial')}`,
      'crypto_device = builtin',
      `signer_cert = ${tsaPem}`,
      `certs = ${caPem}`,
      `signer_key = ${at('tsa.key')}`,
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.99999.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let count = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      count += 1;
      if (request.method !== 'POST' || count > maxRequests) {
        response.writeHead(count > maxRequests ? 429 : 405).end();
        return;
      }
      const query = at(`q${count}.tsq`);
      const reply = at(`r${count}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      const child = spawn(
        'openssl',
        ['ts', '-reply', '-config', at('tsa.cnf'), '-queryfile', query, '-out', reply],
        { stdio: 'ignore' },
      );
      child.on('exit', (code) => {
        if (code !== 0) {
          response.writeHead(500).end();
          return;
        }
        response
          .writeHead(200, { 'Content-Type': 'application/timestamp-reply' })
          .end(readFileSync(reply));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    get requests() {
      return count;
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
