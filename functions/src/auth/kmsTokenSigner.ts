/**
 * The {@link TokenSigner} of a deployment: a KMS asymmetric key (RSA_2048, SIGN_VERIFY). The
 * private key never leaves KMS; the public key comes from GetPublicKey.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { JWK } from 'jose';
import { publishedJwk, type TokenSigner } from './tokenSigner.js';

/** KMS's name of RS256: RSASSA-PKCS1-v1_5 over SHA-256; its signature bytes are the JWS signature as is. */
export const KMS_SIGNING_ALGORITHM = 'RSASSA_PKCS1_V1_5_SHA_256';

/** The key the access tokens are signed with is not what the service expects. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

export class KmsTokenSigner implements TokenSigner {
  private jwk: Promise<JWK> | undefined;

  constructor(
    private readonly keyId: string,
    private readonly client: KMSClient = new KMSClient({}),
  ) {}

  async sign(data: Uint8Array): Promise<Uint8Array> {
    // The digest, not the message: KMS takes raw messages only up to 4 KB.
    const digest = createHash('sha256').update(data).digest();
    const answer = await this.client.send(
      new SignCommand({ KeyId: this.keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: KMS_SIGNING_ALGORITHM }),
    );
    if (!answer.Signature) throw new SigningKeyError(`KMS returned no signature for key ${this.keyId}`);
    return answer.Signature;
  }

  /** The public key, fetched once per container. */
  publicJwk(): Promise<JWK> {
    this.jwk ??= this.fetchPublicJwk().catch((error: unknown) => {
      this.jwk = undefined;
      throw error;
    });
    return this.jwk;
  }

  private async fetchPublicJwk(): Promise<JWK> {
    const answer = await this.client.send(new GetPublicKeyCommand({ KeyId: this.keyId }));
    if (answer.KeyUsage !== 'SIGN_VERIFY' || !answer.SigningAlgorithms?.includes(KMS_SIGNING_ALGORITHM) || !answer.PublicKey) {
      throw new SigningKeyError(`KMS key ${this.keyId} cannot sign ${KMS_SIGNING_ALGORITHM} (usage ${answer.KeyUsage}, spec ${answer.KeySpec})`);
    }
    const jwk = createPublicKey({ key: Buffer.from(answer.PublicKey), format: 'der', type: 'spki' }).export({ format: 'jwk' });
    return publishedJwk(jwk as JWK);
  }
}
