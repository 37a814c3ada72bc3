import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { equalBytes, readOneDer } from './der';
import { OID } from './oids';

/**
 * A detached signature (over a bundle's manifest, a sign-off statement) is the one part of what
 * it signs that no hash covers, and a CMS
 * SignedData has fields its signature does not cover either (the digest algorithm list, the
 * content type, the signature algorithm, every length). A reader tolerant of BER would accept
 * such a field with one byte flipped and still find the signature valid. So the signature must
 * be in exactly the form Demo Ledger writes: DER throughout (it encodes back to the same
 * bytes), SHA-256, detached `data`, one signer, and an ECDSA value of two DER integers.
 * Returns what differs, empty when the form is right.
 */
export function signatureFormProblems(signature: Uint8Array): string[] {
  const parsed = readOneDer(signature);
  if (parsed === null) {
    return ['the signature is not one DER structure (bytes are damaged or left over)'];
  }
  if (!equalBytes(new Uint8Array(parsed.toBER(false)), signature)) {
    return ['the signature is not in DER form (a length or tag was changed)'];
  }
  let signed: pkijs.SignedData;
  try {
    const info = new pkijs.ContentInfo({ schema: parsed });
    if (info.contentType !== OID.signedData) return ['the signature is not CMS signed data'];
    signed = new pkijs.SignedData({ schema: info.content });
  } catch {
    return ['the signature is not CMS signed data'];
  }
  const problems: string[] = [];
  const signer = signed.signerInfos[0];
  const digests = signed.digestAlgorithms.map((algorithm) => algorithm.algorithmId);
  if (signed.version !== 1) problems.push(`the signed data has version ${signed.version}, not 1`);
  if (digests.length !== 1 || digests[0] !== OID.sha256) {
    problems.push('the signed data does not name SHA-256 as its one digest algorithm');
  }
  if (signed.encapContentInfo.eContentType !== OID.data) {
    problems.push('the signed content type is not data');
  }
  if (signed.encapContentInfo.eContent !== undefined) {
    problems.push('the signature carries content of its own (it must be detached)');
  }
  if (signer === undefined || signed.signerInfos.length !== 1) {
    problems.push('the signature must have exactly one signer');
    return problems;
  }
  if (signer.version !== 1) problems.push(`the signer info has version ${signer.version}, not 1`);
  if (signer.digestAlgorithm.algorithmId !== OID.sha256) {
    problems.push('the signer info does not name SHA-256');
  }
  const algorithm = signer.signatureAlgorithm.algorithmId;
  if (algorithm === OID.ecdsaWithSha256) {
    if (!isEcdsaSigValue(new Uint8Array(signer.signature.valueBlock.valueHexView))) {
      problems.push('the ECDSA signature value is not two DER integers');
    }
  } else if (algorithm !== OID.sha256WithRsa && algorithm !== OID.rsaEncryption) {
    problems.push(`the signature algorithm ${algorithm} is not one Demo Ledger signs with`);
  }
  return problems;
}

/** ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, in DER. */
function isEcdsaSigValue(value: Uint8Array): boolean {
  const sequence = readOneDer(value);
  if (sequence === null) return false;
  return (
    sequence instanceof asn1js.Sequence &&
    sequence.valueBlock.value.length === 2 &&
    sequence.valueBlock.value.every((item) => item instanceof asn1js.Integer) &&
    equalBytes(new Uint8Array(sequence.toBER(false)), value)
  );
}
