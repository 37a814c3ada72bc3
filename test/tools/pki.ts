import { randomBytes } from 'node:crypto';
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
  /** The instant the certificates are valid around. */
  at: Date;
}

const LEAF_EXTENSIONS = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,nonRepudiation',
  'extendedKeyUsage=emailProtection',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
].join('\n');

const DAY = 86_400_000;

/** `YYMMDDHHMMSSZ`, the form `openssl ca -startdate/-enddate` takes. */
function opensslTime(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

/**
 * The validity every test certificate gets: from 30 days before the test's instant to ten
 * years after it, so a signature made at that instant, a timestamp the local authority (an
 * outside process on the real clock) adds, and a run a year ahead all fall inside it.
 */
export function validityAround(at: Date): { notBefore: Date; notAfter: Date } {
  return {
    notBefore: new Date(at.getTime() - 30 * DAY),
    notAfter: new Date(at.getTime() + 3652 * DAY),
  };
}

/**
 * Issues a certificate with `openssl ca`, the one openssl command that takes explicit validity
 * dates: `csr` signed by `issuer` (or by its own key with `selfSign`), with the extensions in
 * `extensions`, valid around `at`.
 */
export function issueCertificate(options: {
  dir: string;
  name: string;
  csr: string;
  extensions: string;
  at: Date;
  issuer: { pem: string; key: string } | { selfSignKey: string };
}): string {
  const { dir, name } = options;
  const at = (file: string): string => path.join(dir, file);
  const { notBefore, notAfter } = validityAround(options.at);
  writeFileSync(at(`${name}.index`), '');
  // A random serial: every certificate of a chain needs its own (issuer + serial names it).
  const serial = randomBytes(8);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  writeFileSync(at(`${name}.serial`), `${serial.toString('hex')}\n`);
  writeFileSync(at(`${name}.issue.ext`), `${options.extensions}\n`);
  writeFileSync(
    at(`${name}.ca.cnf`),
    [
      '[ ca ]',
      'default_ca = test_ca',
      '[ test_ca ]',
      `database = ${at(`${name}.index`)}`,
      `serial = ${at(`${name}.serial`)}`,
      `new_certs_dir = ${dir}`,
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'copy_extensions = none',
      'email_in_dn = yes',
      'utf8 = yes',
      'string_mask = utf8only',
      '[ any ]',
      'commonName = supplied',
      'organizationName = optional',
      'emailAddress = optional',
      '',
    ].join('\n'),
  );
  const signer =
    'selfSignKey' in options.issuer
      ? ['-selfsign', '-keyfile', options.issuer.selfSignKey]
      : ['-cert', options.issuer.pem, '-keyfile', options.issuer.key];
  mustRun('openssl', [
    'ca',
    '-batch',
    '-notext',
    '-config',
    at(`${name}.ca.cnf`),
    ...signer,
    '-in',
    options.csr,
    '-startdate',
    opensslTime(notBefore),
    '-enddate',
    opensslTime(notAfter),
    '-extfile',
    at(`${name}.issue.ext`),
    '-out',
    at(`${name}.pem`),
  ]);
  return at(`${name}.pem`);
}

/** A certificate request for `subject` with the key at `key`. */
export function certificateRequest(
  dir: string,
  name: string,
  key: string,
  subject: string,
): string {
  const csr = path.join(dir, `${name}.csr`);
  mustRun('openssl', ['req', '-new', '-utf8', '-key', key, '-subj', subject, '-out', csr]);
  return csr;
}

/**
 * A throwaway PKI valid around `at` (the test's own instant: the pinned clock's by default),
 * never around the day the suite runs.
 */
export function makePki(passphrase = 'correct horse battery', at: Date = new Date()): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'demo-ledger-pki-'));
  const file = (name: string): string => path.join(dir, name);
  ecKey(file('ca.key'));
  const caPem = issueCertificate({
    dir,
    name: 'ca',
    csr: certificateRequest(
      dir,
      'ca',
      file('ca.key'),
      '/CN=Demo Ledger Test Root CA/O=Test Audit Org',
    ),
    extensions: [
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid:always',
    ].join('\n'),
    at,
    issuer: { selfSignKey: file('ca.key') },
  });
  const pkcs12 = (name: string, withChain: boolean): string => {
    mustRun('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      file(`${name}.key`),
      '-in',
      file(`${name}.pem`),
      ...(withChain ? ['-certfile', caPem] : []),
      '-out',
      file(`${name}.p12`),
      '-passout',
      `pass:${passphrase}`,
    ]);
    return file(`${name}.p12`);
  };
  const leaf = (name: string, keyArgs: string[], subject: string): string => {
    mustRun('openssl', ['genpkey', ...keyArgs, '-out', file(`${name}.key`)]);
    issueCertificate({
      dir,
      name,
      csr: certificateRequest(dir, name, file(`${name}.key`), subject),
      extensions: LEAF_EXTENSIONS,
      at,
      issuer: { pem: caPem, key: file('ca.key') },
    });
    return pkcs12(name, true);
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
  ecKey(file('self.key'));
  issueCertificate({
    dir,
    name: 'self',
    csr: certificateRequest(dir, 'self', file('self.key'), '/CN=Self Signed Auditor'),
    extensions: [
      'basicConstraints=critical,CA:TRUE',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid:always',
    ].join('\n'),
    at,
    issuer: { selfSignKey: file('self.key') },
  });
  return {
    dir,
    caPem,
    caKey: file('ca.key'),
    passphrase,
    ecP12,
    rsaP12,
    selfSignedP12: pkcs12('self', false),
    selfSignedPem: file('self.pem'),
    at,
  };
}

type LeafName = 'auditor-ec' | 'auditor-rsa';

/** `openssl ca` over the database that issued a leaf of `makePki`. */
function caRun(pki: TestPki, name: LeafName, args: string[]): void {
  const config = path.join(pki.dir, `${name}.ca.cnf`);
  mustRun('openssl', [
    'ca',
    '-batch',
    '-config',
    config,
    '-cert',
    pki.caPem,
    '-keyfile',
    pki.caKey,
    ...args,
  ]);
}

/** The CA's revocation list as its database stands now (DER), written as `<name><suffix>`. */
function issueRevocationList(pki: TestPki, name: LeafName, suffix: string): Uint8Array {
  const file = path.join(pki.dir, `${name}${suffix}`);
  caRun(pki, name, ['-gencrl', '-crldays', '3650', '-out', `${file}.pem`]);
  mustRun('openssl', ['crl', '-in', `${file}.pem`, '-outform', 'DER', '-out', file]);
  return readBytes(file);
}

/**
 * Revokes a leaf of `makePki` in its issuing database (now, by the machine's clock: `openssl ca`
 * takes no revocation date) and returns the CA's revocation list (DER) that says so.
 */
export function revokeLeaf(pki: TestPki, name: LeafName): Uint8Array {
  caRun(pki, name, ['-revoke', path.join(pki.dir, `${name}.pem`), '-crl_reason', 'keyCompromise']);
  return issueRevocationList(pki, name, '.crl');
}

/** The CA's revocation list with nothing revoked (DER), as issued before any revocation. */
export function emptyRevocationList(pki: TestPki, name: LeafName): Uint8Array {
  return issueRevocationList(pki, name, '.empty-crl');
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
