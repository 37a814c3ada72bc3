import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateSummary, TrustVerdict } from '../certificates';
import { certificateDer, checkTrust, summariseCertificate, untrusted } from '../certificates';
import { equalBytes, sha256, toArrayBuffer } from '../der';
import { OID } from '../oids';
import { tstInfoOf } from '../timestamp';

/** Checks one CMS signature value against the bytes it claims to cover. */

export interface TimestampReport {
  time: string;
  authority: string;
  /** The token's imprint is the hash of this signature value. */
  imprintMatches: boolean;
  /** The TSA's own signature over the token verifies. */
  signatureValid: boolean;
  trust: TrustVerdict;
}

export interface CmsReport {
  digestAlgorithm: string;
  /** The signed message-digest attribute equals the hash of the signed byte ranges. */
  digestMatches: boolean;
  /** The signature over the signed attributes verifies with the signer's public key. */
  signatureValid: boolean;
  signer: CertificateSummary | null;
  /** signing-certificate-v2 present and naming the signer's certificate (null when absent). */
  certificateBound: boolean | null;
  claimedSigningTime: string | null;
  timestamp: TimestampReport | null;
  trust: TrustVerdict;
  problems: string[];
}

const DIGESTS: Readonly<Record<string, string>> = {
  [OID.sha256]: 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const CURVES: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

function attributeValue(
  attributes: pkijs.SignedAndUnsignedAttributes | undefined,
  type: string,
): asn1js.AsnType | undefined {
  return attributes?.attributes.find((item) => item.type === type)?.values[0] as
    asn1js.AsnType | undefined;
}

/**
 * The signed signing-time attribute, if present and a real time. It is signed, so a damaged one
 * also fails the signature; here it must only not be mistaken for a time.
 */
function readSigningTime(info: pkijs.SignerInfo, problems: string[]): Date | null {
  const attribute = attributeValue(info.signedAttrs, OID.signingTime);
  if (attribute === undefined) return null;
  const time =
    attribute instanceof asn1js.UTCTime || attribute instanceof asn1js.GeneralizedTime
      ? attribute.toDate()
      : null;
  if (time === null || Number.isNaN(time.getTime())) {
    problems.push('the signing-time attribute is not a time');
    return null;
  }
  return time;
}

function findSigner(signed: pkijs.SignedData, info: pkijs.SignerInfo): pkijs.Certificate | null {
  const certificates = (signed.certificates ?? []).filter(
    (item): item is pkijs.Certificate => item instanceof pkijs.Certificate,
  );
  if (info.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = info.sid;
    return (
      certificates.find(
        (item) => item.issuer.isEqual(sid.issuer) && item.serialNumber.isEqual(sid.serialNumber),
      ) ?? null
    );
  }
  return certificates[0] ?? null;
}

/** DER ECDSA-Sig-Value → r‖s of `size` bytes each, as WebCrypto verifies it. */
function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  const sequence = parsed.result as asn1js.Sequence;
  const out = new Uint8Array(size * 2);
  (sequence.valueBlock.value as asn1js.Integer[]).slice(0, 2).forEach((integer, index) => {
    let bytes = new Uint8Array(integer.valueBlock.valueHexView);
    while (bytes.length > size && bytes[0] === 0) bytes = bytes.slice(1);
    out.set(bytes, index * size + (size - bytes.length));
  });
  return out;
}

async function verifySignatureValue(
  certificate: pkijs.Certificate,
  info: pkijs.SignerInfo,
  signedBytes: Uint8Array,
  hash: string,
): Promise<boolean> {
  const spki = toArrayBuffer(
    new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER(false)),
  );
  const keyAlgorithm = certificate.subjectPublicKeyInfo.algorithm;
  const signature = new Uint8Array(info.signature.valueBlock.valueHexView);
  if (keyAlgorithm.algorithmId === OID.ecPublicKey) {
    const curveOid = (
      keyAlgorithm.algorithmParams as asn1js.ObjectIdentifier | undefined
    )?.valueBlock.toString();
    const namedCurve = curveOid === undefined ? undefined : CURVES[curveOid];
    if (namedCurve === undefined) return false;
    const key = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve }, false, [
      'verify',
    ]);
    const size = namedCurve === 'P-521' ? 66 : namedCurve === 'P-384' ? 48 : 32;
    return crypto.subtle.verify(
      { name: 'ECDSA', hash },
      key,
      toArrayBuffer(ecdsaDerToRaw(signature, size)),
      toArrayBuffer(signedBytes),
    );
  }
  if (keyAlgorithm.algorithmId === OID.rsaEncryption) {
    const key = await crypto.subtle.importKey(
      'spki',
      spki,
      { name: 'RSASSA-PKCS1-v1_5', hash },
      false,
      ['verify'],
    );
    return crypto.subtle.verify(
      { name: 'RSASSA-PKCS1-v1_5' },
      key,
      toArrayBuffer(signature),
      toArrayBuffer(signedBytes),
    );
  }
  return false;
}

export async function checkCms(
  contents: Uint8Array,
  signedRanges: readonly Uint8Array[],
  trusted: readonly pkijs.Certificate[],
  dictionaryTime: Date | null,
): Promise<CmsReport> {
  const problems: string[] = [];
  const empty: CmsReport = {
    digestAlgorithm: '',
    digestMatches: false,
    signatureValid: false,
    signer: null,
    certificateBound: null,
    claimedSigningTime: null,
    timestamp: null,
    trust: untrusted('no signature'),
    problems,
  };
  let signed: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(contents));
    if (info.contentType !== OID.signedData) throw new Error('not signed data');
    signed = new pkijs.SignedData({ schema: info.content });
  } catch {
    problems.push('the signature value is not a CMS SignedData structure');
    return empty;
  }
  const info = signed.signerInfos[0];
  if (info === undefined || signed.signerInfos.length !== 1) {
    problems.push('the signature must have exactly one signer');
    return empty;
  }
  const hash = DIGESTS[info.digestAlgorithm.algorithmId];
  // eslint-disable-next-line security/detect-possible-timing-attacks -- an algorithm lookup, not a secret
  if (hash === undefined) {
    problems.push(`unsupported digest algorithm ${info.digestAlgorithm.algorithmId}`);
    return empty;
  }
  const certificate = findSigner(signed, info);
  const digest = new Uint8Array(
    await crypto.subtle.digest(hash, toArrayBuffer(concat(signedRanges))),
  );
  const messageDigest = attributeValue(info.signedAttrs, OID.messageDigest) as
    asn1js.OctetString | undefined;
  const digestMatches =
    messageDigest !== undefined &&
    equalBytes(new Uint8Array(messageDigest.valueBlock.valueHexView), digest);
  if (!digestMatches) problems.push('digest mismatch: the signed bytes were changed after signing');
  let signatureValid = false;
  if (certificate === null) problems.push('the signer’s certificate is not in the signature');
  else if (info.signedAttrs?.encodedValue === undefined)
    problems.push('the signature has no signed attributes');
  else {
    const signedAttributes = new Uint8Array(info.signedAttrs.encodedValue);
    signedAttributes[0] = 0x31;
    signatureValid = await verifySignatureValue(certificate, info, signedAttributes, hash).catch(
      () => false,
    );
    if (!signatureValid)
      problems.push('the signature value does not verify with the signer’s public key');
  }
  let certificateBound: boolean | null = null;
  const binding = attributeValue(info.signedAttrs, OID.signingCertificateV2) as
    asn1js.Sequence | undefined;
  if (binding !== undefined && certificate !== null) {
    try {
      const certs = binding.valueBlock.value[0] as asn1js.Sequence;
      const first = certs.valueBlock.value[0] as asn1js.Sequence;
      const hashField = first.valueBlock.value.find(
        (item) => item instanceof asn1js.OctetString,
      ) as asn1js.OctetString;
      certificateBound = equalBytes(
        new Uint8Array(hashField.valueBlock.valueHexView),
        await sha256(certificateDer(certificate)),
      );
    } catch {
      certificateBound = false;
    }
    if (!certificateBound)
      problems.push('signing-certificate-v2 does not name the signer’s certificate');
  }
  const signingTime = readSigningTime(info, problems);
  const claimedSigningTime = signingTime?.toISOString() ?? dictionaryTime?.toISOString() ?? null;
  const certificates = (signed.certificates ?? []).filter(
    (item): item is pkijs.Certificate => item instanceof pkijs.Certificate,
  );
  const timestamp = await checkTimestamp(info, trusted, problems);
  const when =
    timestamp?.signatureValid && timestamp.imprintMatches
      ? new Date(timestamp.time)
      : claimedSigningTime
        ? new Date(claimedSigningTime)
        : new Date();
  const trust =
    certificate === null
      ? untrusted('no signer certificate')
      : await checkTrust(certificate, certificates, trusted, when);
  return {
    digestAlgorithm: hash,
    digestMatches,
    signatureValid,
    signer: certificate === null ? null : await summariseCertificate(certificate),
    certificateBound,
    claimedSigningTime,
    timestamp,
    trust,
    problems,
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function checkTimestamp(
  info: pkijs.SignerInfo,
  trusted: readonly pkijs.Certificate[],
  problems: string[],
): Promise<TimestampReport | null> {
  const tokenSchema = attributeValue(info.unsignedAttrs, OID.signatureTimeStampToken);
  if (tokenSchema === undefined) return null;
  try {
    const token = new pkijs.ContentInfo({ schema: tokenSchema });
    const tst = tstInfoOf(token);
    const tokenSigned = new pkijs.SignedData({ schema: token.content });
    const signatureValue = new Uint8Array(info.signature.valueBlock.valueHexView);
    const imprint = await sha256(signatureValue);
    const imprintMatches = equalBytes(
      new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
      imprint,
    );
    const verified = await tokenSigned
      // pkijs re-checks the token's imprint against `data`: the timestamped signature value.
      .verify({
        signer: 0,
        data: toArrayBuffer(signatureValue),
        extendedMode: true,
        checkChain: false,
      })
      .catch(() => null);
    const signatureValid = verified?.signatureVerified === true;
    const tsaCertificate = verified?.signerCertificate ?? null;
    const tokenCertificates = (tokenSigned.certificates ?? []).filter(
      (item): item is pkijs.Certificate => item instanceof pkijs.Certificate,
    );
    const trust =
      tsaCertificate === null
        ? untrusted('the timestamp carries no TSA certificate')
        : await checkTrust(tsaCertificate, tokenCertificates, trusted, tst.genTime);
    if (!imprintMatches) problems.push('the timestamp does not cover this signature');
    if (!signatureValid) problems.push('the timestamp authority’s signature does not verify');
    return {
      time: tst.genTime.toISOString(),
      authority: tsaCertificate ? (await summariseCertificate(tsaCertificate)).subject : '',
      imprintMatches,
      signatureValid,
      trust,
    };
  } catch {
    problems.push('the signature timestamp is malformed');
    return null;
  }
}
