import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mustRun } from './run';

/** A new P-256 private key in PEM at `file`. */
export function ecKey(file: string): void {
  mustRun('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file]);
}

/**
 * A throwaway PKI made with the openssl command line: a root CA, signing identities issued by
 * it (EC and RSA) as PKCS#12 files protected by a passphrase, and a self-signed identity.
 */
export interface TestPki {
  dir: string;
  caPem: string;
  caKey: string;
  passphrase: string;
  /** PKCS#12 files: EC P-256 and RSA-3072 leaves issued by the CA (chain included), self-signed EC. */
  ecP12: string;
  rsaP12: string;
  selfSignedP12: string;
  selfSignedPem: string;
}

const LEAF_EXTENSIONS = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,nonRepudiation',
  'extendedKeyUsage=emailProtection',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
].join('\n');

export function makePki(passphrase = 'correct horse battery'): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'demo-ledger-pki-'));
  const at = (name: string): string => path.join(dir, name);
  writeFileSync(at('leaf.ext'), `${LEAF_EXTENSIONS}\n`);
  writeFileSync(
    at('ca.ext'),
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  );
  ecKey(at('ca.key'));
  mustRun('openssl', [
    'req',
    '-new',
    '-x509',
    '-key',
    at('ca.key'),
    '-subj',
    '/CN=Demo Ledger Test Root CA/O=Test Audit Org',
    '-days',
    '3650',
    '-out',
    at('ca.pem'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const leaf = (name: string, keyArgs: string[], subject: string): string => {
    mustRun('openssl', ['genpkey', ...keyArgs, '-out', at(`${name}.key`)]);
    mustRun('openssl', [
      'req',
      '-new',
      '-utf8',
      '-key',
      at(`${name}.key`),
      '-subj',
      subject,
      '-out',
      at(`${name}.csr`),
    ]);
    mustRun('openssl', [
      'x509',
      '-req',
      '-in',
      at(`${name}.csr`),
      '-CA',
      at('ca.pem'),
      '-CAkey',
      at('ca.key'),
      '-CAcreateserial',
      '-days',
      '365',
      '-extfile',
      at('leaf.ext'),
      '-out',
      at(`${name}.pem`),
    ]);
    mustRun('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      at(`${name}.key`),
      '-in',
      at(`${name}.pem`),
      '-certfile',
      at('ca.pem'),
      '-out',
      at(`${name}.p12`),
      '-passout',
      `pass:${passphrase}`,
    ]);
    return at(`${name}.p12`);
  };
  const ecP12 = leaf(
    'auditor-ec',
    ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    '/CN=Dana Whitfield/O=Internal Audit/emailAddress=dana@example.com',
  );
  const rsaP12 = leaf(
    'auditor-rsa',
    ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072'],
    '/CN=Ömer Yıldız/O=Security',
  );
  ecKey(at('self.key'));
  mustRun('openssl', [
    'req',
    '-new',
    '-x509',
    '-key',
    at('self.key'),
    '-subj',
    '/CN=Self Signed Auditor',
    '-days',
    '30',
    '-out',
    at('self.pem'),
  ]);
  mustRun('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    at('self.key'),
    '-in',
    at('self.pem'),
    '-out',
    at('self.p12'),
    '-passout',
    `pass:${passphrase}`,
  ]);
  return {
    dir,
    caPem: at('ca.pem'),
    caKey: at('ca.key'),
    passphrase,
    ecP12,
    rsaP12,
    selfSignedP12: at('self.p12'),
    selfSignedPem: at('self.pem'),
  };
}

/** An NSS database trusting the test CA, for `pdfsig -nssdir`. */
export function nssDatabaseTrusting(pki: TestPki): string {
  const dir = path.join(pki.dir, 'nss');
  mustRun('mkdir', ['-p', dir]);
  mustRun('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  mustRun('certutil', [
    '-A',
    '-d',
    `sql:${dir}`,
    '-n',
    'demo-ledger-test-ca',
    '-t',
    'CT,C,C',
    '-i',
    pki.caPem,
  ]);
  return dir;
}

export function readBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}
