import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { concatBytes, sha256, toArrayBuffer } from './der';
import { OID } from './oids';
import type { Signer } from './signer';

/**
 * Detached CMS SignedData for a PDF signature. With `cades` (PAdES, `ETSI.CAdES.detached`) the
 * signed attributes are content-type, message-digest and signing-certificate-v2, and the signing
 * time lives in the signature dictionary's /M as PAdES requires; without it
 * (`adbe.pkcs7.detached`) a signing-time attribute is added instead of the certificate binding.
 */

export interface CmsOptions {
  cades: boolean;
  signingTime: Date;
  /**
   * With `cades`, also sign the time as an attribute: detached signatures over files other than
   * PDFs (audit bundle manifests) have no signature dictionary to carry it.
   */
  signingTimeAttribute?: boolean;
  /** Fetches an RFC 3161 token for the signature value (see timestamp.ts). */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** ESS signing-certificate-v2 (RFC 5035): binds the signature to one certificate by its hash. */
async function signingCertificateV2(
  certificate: pkijs.Certificate,
  der: Uint8Array,
): Promise<asn1js.Sequence> {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [certificate.issuer.toSchema()],
          }),
        ],
      }),
      certificate.serialNumber,
    ],
  });
  // hashAlgorithm is omitted: its DEFAULT is SHA-256.
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(await sha256(der)) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** DER sorts SET OF members by encoding; verifiers that re-encode (OpenSSL, NSS) expect it. */
function derSortedSet(attributes: pkijs.Attribute[]): {
  sorted: pkijs.Attribute[];
  encoded: Uint8Array;
} {
  const encoded = attributes.map((item) => ({
    item,
    der: new Uint8Array(item.toSchema().toBER(false)),
  }));
  encoded.sort((a, b) => {
    const length = Math.min(a.der.length, b.der.length);
    for (let index = 0; index < length; index += 1) {
      const difference = (a.der[index] ?? 0) - (b.der[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return a.der.length - b.der.length;
  });
  const body = concatBytes(encoded.map((entry) => entry.der));
  const set = new asn1js.Set({
    value: encoded.map((entry) => asn1js.fromBER(toArrayBuffer(entry.der)).result),
  });
  const der = new Uint8Array(set.toBER(false));
  if (!der.slice(der.length - body.length).every((byte, index) => byte === body[index])) {
    throw new Error('signed attributes did not encode as expected');
  }
  return { sorted: encoded.map((entry) => entry.item), encoded: der };
}

export async function buildDetachedCms(
  digest: Uint8Array,
  signer: Signer,
  options: CmsOptions,
): Promise<Uint8Array> {
  const certificate = parseCertificate(signer.certificate);
  const attributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })),
    ...(options.cades
      ? [
          attribute(
            OID.signingCertificateV2,
            await signingCertificateV2(certificate, signer.certificate),
          ),
        ]
      : []),
    ...(!options.cades || options.signingTimeAttribute
      ? [attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: options.signingTime }))]
      : []),
  ];
  const { sorted, encoded } = derSortedSet(attributes);
  const signature = await signer.sign(encoded);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted }),
    signatureAlgorithm:
      signer.keyType === 'ecdsa'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 })
        : new pkijs.AlgorithmIdentifier({
            algorithmId: OID.sha256WithRsa,
            algorithmParams: new asn1js.Null(),
          }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  if (options.timestamp) {
    const token = await options.timestamp(signature);
    const tokenSchema = asn1js.fromBER(toArrayBuffer(token));
    if (tokenSchema.offset === -1)
      throw new Error('The timestamp authority returned a malformed token.');
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [attribute(OID.signatureTimeStampToken, tokenSchema.result)],
    });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [certificate, ...signer.chain.map(parseCertificate)],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
