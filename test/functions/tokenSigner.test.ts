import { constants, createHash, generateKeyPairSync, privateEncrypt } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KMS_SIGNING_ALGORITHM, KmsTokenSigner, SigningKeyError } from '../../functions/src/auth/kmsTokenSigner.js';
import { jwksOf, LocalTokenSigner, signAccessToken } from '../../functions/src/auth/tokenSigner.js';

const ISSUER = 'https://api.example.gov.cn';
const KEY_ARN = 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const claims = (issuedAt = Math.floor(Date.now() / 1000)) => ({ issuer: ISSUER, audience: 'mubiao-kaohe', subject: '王芳', issuedAt });

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mubiao-signer-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('LocalTokenSigner', () => {
  it('creates its key file readable by the owner only and keeps the same key when loaded again', async () => {
    // Prepare
    const path = join(dir, 'nested', 'signing-key.json');

    // Act
    const first = await LocalTokenSigner.fromFile(path);
    const again = await LocalTokenSigner.fromFile(path);

    // Assess
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await again.publicJwk()).toEqual(await first.publicJwk());
    expect(await first.publicJwk()).toEqual({ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: expect.any(String), alg: 'RS256', use: 'sig' });
    expect(await first.publicJwk()).not.toHaveProperty('d');
  });

  it('signs access tokens that verify against its JWKS with the required claims', async () => {
    // Prepare
    const signer = await LocalTokenSigner.fromFile(join(dir, 'key.json'));
    const other = await LocalTokenSigner.fromFile(join(dir, 'other.json'));

    // Act
    const token = await signAccessToken(signer, claims());
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(await jwksOf(signer)), {
      issuer: ISSUER,
      audience: 'mubiao-kaohe',
      algorithms: ['RS256'],
    });
    const withOtherKeys = await jwtVerify(token, createLocalJWKSet(await jwksOf(other)), { issuer: ISSUER, audience: 'mubiao-kaohe' }).then(
      () => 'verified',
      (error: { code?: string }) => error.code,
    );

    // Assess
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: (await signer.publicJwk()).kid });
    expect(payload).toEqual({ iss: ISSUER, sub: '王芳', aud: 'mubiao-kaohe', iat: expect.any(Number), exp: payload.iat! + 3600, jti: expect.any(String) });
    expect(withOtherKeys).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });
});

describe('KmsTokenSigner', () => {
  const kms = mockClient(KMSClient);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ format: 'der', type: 'spki' });

  beforeEach(() => {
    kms.reset();
    kms.on(GetPublicKeyCommand).resolves({
      KeyId: KEY_ARN,
      KeySpec: 'RSA_2048',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['RSASSA_PSS_SHA_256', KMS_SIGNING_ALGORITHM],
      PublicKey: new Uint8Array(der),
    });
    // KMS signs the given SHA-256 digest with PKCS#1 v1.5: the same bytes as signing the message.
    kms.on(SignCommand).callsFake((input: { Message: Uint8Array }) => ({
      Signature: new Uint8Array(
        privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(input.Message)])),
      ),
    }));
  });

  it('signs through KMS a token that verifies against the JWKS built from GetPublicKey', async () => {
    // Prepare
    const signer = new KmsTokenSigner(KEY_ARN, new KMSClient({ region: 'cn-north-1' }));

    // Act
    const token = await signAccessToken(signer, claims());
    const second = await signAccessToken(signer, claims());
    const { payload } = await jwtVerify(token, createLocalJWKSet(await jwksOf(signer)), { issuer: ISSUER, audience: 'mubiao-kaohe', algorithms: ['RS256'] });

    // Assess
    expect(payload.sub).toBe('王芳');
    expect(second).not.toBe(token);
    const signCall = kms.commandCalls(SignCommand)[0]!.args[0].input;
    const signingInput = token.split('.').slice(0, 2).join('.');
    expect(signCall).toEqual({
      KeyId: KEY_ARN,
      MessageType: 'DIGEST',
      SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
      Message: createHash('sha256').update(signingInput).digest(),
    });
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
  });

  it('refuses a key that cannot sign RS256', async () => {
    // Prepare
    kms.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ARN, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ECDSA_SHA_256'], PublicKey: new Uint8Array(der) });
    const signer = new KmsTokenSigner(KEY_ARN, new KMSClient({ region: 'cn-north-1' }));

    // Act
    const attempt = signer.publicJwk();

    // Assess
    await expect(attempt).rejects.toThrow(SigningKeyError);
    await expect(attempt).rejects.toThrow(/cannot sign RSASSA_PKCS1_V1_5_SHA_256.*ECC_NIST_P256/);
  });
});

/** DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
