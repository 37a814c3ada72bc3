import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { equalBytes, sha256, toArrayBuffer } from './der';
import { OID } from './oids';

/**
 * RFC 3161 signature timestamps. The request and the checks on the answer live here; the
 * transport (an HTTP POST of `application/timestamp-query`) is passed in by whoever may use
 * the network, so core stays free of I/O.
 */

export type TimestampTransport = (request: Uint8Array) => Promise<Uint8Array>;

export class TimestampError extends Error {
  override readonly name = 'TimestampError';
}

export function timestampRequest(imprint: Uint8Array, nonce: Uint8Array): Uint8Array {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER(false));
}

/**
 * Asks the TSA for a token over SHA-256 of the signature value and checks that the answer is
 * granted, covers that imprint and echoes the nonce. Returns the token (a CMS ContentInfo).
 */
export function signatureTimestamper(transport: TimestampTransport) {
  return async (signatureValue: Uint8Array): Promise<Uint8Array> => {
    const imprint = await sha256(signatureValue);
    const nonce = crypto.getRandomValues(new Uint8Array(8));
    nonce[0] = (nonce[0] ?? 0) & 0x7f;
    const answer = await transport(timestampRequest(imprint, nonce));
    let response: pkijs.TimeStampResp;
    try {
      response = pkijs.TimeStampResp.fromBER(toArrayBuffer(answer));
    } catch {
      throw new TimestampError('The timestamp authority did not answer with an RFC 3161 response.');
    }
    // PKIStatus: 0 granted, 1 granted with modifications; anything else is a refusal.
    const status = Number(response.status.status);
    if (status !== 0 && status !== 1) {
      const text =
        response.status.statusStrings?.map((item) => item.valueBlock.value).join('; ') ?? '';
      throw new TimestampError(
        `The timestamp authority refused the request (status ${status}${text ? `: ${text}` : ''}).`,
      );
    }
    if (response.timeStampToken === undefined)
      throw new TimestampError('The timestamp authority sent no token.');
    const info = tstInfoOf(response.timeStampToken);
    if (
      !equalBytes(
        new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView),
        imprint,
      )
    ) {
      throw new TimestampError('The timestamp token covers different data than this signature.');
    }
    const echoed = info.nonce ? new Uint8Array(info.nonce.valueBlock.valueHexView) : null;
    if (echoed === null || !equalBytes(stripLeadingZeros(echoed), stripLeadingZeros(nonce))) {
      throw new TimestampError(
        'The timestamp token does not answer this request (nonce mismatch).',
      );
    }
    return new Uint8Array(response.timeStampToken.toSchema().toBER(false));
  };
}

function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.slice(start);
}

export function tstInfoOf(token: pkijs.ContentInfo): pkijs.TSTInfo {
  if (token.contentType !== OID.signedData)
    throw new TimestampError('The timestamp token is not CMS signed data.');
  const signed = new pkijs.SignedData({ schema: token.content });
  const content = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== OID.tstInfo || content === undefined) {
    throw new TimestampError('The timestamp token holds no TSTInfo.');
  }
  return pkijs.TSTInfo.fromBER(content.getValue());
}
