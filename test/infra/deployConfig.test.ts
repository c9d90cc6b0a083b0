import { describe, expect, it } from 'vitest';
import { DeployConfigError, PLACEHOLDERS, readDeployConfig } from '../../infra/deployConfig.js';

const TENANT = '3f9a6c1e-2b47-4d8e-9a15-7c0e4b2d8f61';
const CLIENT = '8d2e4f60-1a3b-4c5d-8e9f-0a1b2c3d4e5f';

/** A context reader over a plain object, as `node.tryGetContext` would see it. */
const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('readDeployConfig', () => {
  it('needs no Entra ID values for the service’s own accounts, the default', () => {
    // Prepare
    const get = contextOf({ apiOrigin: 'https://API.kaohe.example.gov.cn' });

    // Act
    const { config, placeholders } = readDeployConfig(get, 'cn-north-1');

    // Assess
    expect(placeholders).toEqual([]);
    expect(config.identity).toBe('local');
    expect(config.apiOrigin).toBe('https://api.kaohe.example.gov.cn');
  });

  it('refuses an unknown identity and an API origin with a path', () => {
    // Act
    const identity = () => readDeployConfig(contextOf({ identity: 'cognito' }), undefined);
    const origin = () => readDeployConfig(contextOf({ apiOrigin: 'https://api.example.org/v1' }), undefined);

    // Assess
    expect(identity).toThrow('identity「cognito」无效，应为 local（本服务账号，默认）或 entra（Microsoft Entra ID）。');
    expect(origin).toThrow(DeployConfigError);
  });

  it('fills placeholders for a missing tenant and audience and names them', () => {
    // Prepare
    const get = contextOf({ identity: 'entra' });

    // Act
    const { config, placeholders } = readDeployConfig(get, undefined);

    // Assess
    expect(placeholders).toEqual(['entraTenantId', 'entraAudience']);
    expect(config.entraTenantId).toBe(PLACEHOLDERS.entraTenantId);
    expect(config.jwtIssuer).toBe(`https://login.microsoftonline.com/${PLACEHOLDERS.entraTenantId}/v2.0`);
    expect(config.china).toBe(false);
    expect(config.addinDomain).toBeUndefined();
  });

  it('builds the global Entra ID issuer outside China', () => {
    // Prepare
    const get = contextOf({ identity: 'entra', entraTenantId: TENANT, entraAudience: CLIENT });

    // Act
    const { config, placeholders } = readDeployConfig(get, 'eu-central-1');

    // Assess
    expect(placeholders).toEqual([]);
    expect(config).toEqual({
      china: false,
      identity: 'entra',
      entraTenantId: TENANT,
      entraAudience: CLIENT,
      entraCloud: 'global',
      entraAuthority: `https://login.microsoftonline.com/${TENANT}`,
      jwtIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    });
  });

  it('builds the 21Vianet issuer in a China region', () => {
    // Prepare
    const get = contextOf({ entraTenantId: TENANT, entraAudience: CLIENT });

    // Act
    const { config } = readDeployConfig(get, 'cn-north-1');

    // Assess
    expect(config.china).toBe(true);
    expect(config.entraCloud).toBe('china');
    expect(config.jwtIssuer).toBe(`https://login.partner.microsoftonline.cn/${TENANT}/v2.0`);
  });

  it('lets entraCloud override the region’s default', () => {
    // Prepare
    const get = contextOf({ entraTenantId: TENANT, entraAudience: CLIENT, entraCloud: 'global' });

    // Act
    const { config } = readDeployConfig(get, 'cn-northwest-1');

    // Assess
    expect(config.china).toBe(true);
    expect(config.jwtIssuer).toBe(`https://login.microsoftonline.com/${TENANT}/v2.0`);
  });

  it('takes a custom domain with an ACM certificate outside China', () => {
    // Prepare
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
    const get = contextOf({ addinOrigin: 'https://Kaohe.Example.org/', addinCertificateArn: arn });

    // Act
    const { config } = readDeployConfig(get, 'eu-central-1');

    // Assess
    expect(config.addinDomain).toEqual({
      origin: 'https://kaohe.example.org',
      host: 'kaohe.example.org',
      certificate: { kind: 'acm', arn },
    });
  });

  it('takes a custom domain with an IAM server certificate in China', () => {
    // Prepare
    const get = contextOf({ addinOrigin: 'https://kaohe.example.gov.cn', addinIamCertificateId: 'ASCAEXAMPLE123' });

    // Act
    const { config } = readDeployConfig(get, 'cn-north-1');

    // Assess
    expect(config.addinDomain?.certificate).toEqual({ kind: 'iam', id: 'ASCAEXAMPLE123' });
  });

  it('takes a trimmed alarm e-mail and treats blank values as absent', () => {
    // Prepare
    const get = contextOf({ alarmEmail: ' it@example.gov.cn ', addinOrigin: '  ' });

    // Act
    const { config } = readDeployConfig(get, 'cn-north-1');

    // Assess
    expect(config.alarmEmail).toBe('it@example.gov.cn');
    expect(config.addinDomain).toBeUndefined();
  });

  it.each([
    [{ entraTenantId: 'contoso.onmicrosoft.com' }, 'eu-central-1', 'entraTenantId「contoso.onmicrosoft.com」不是租户 ID'],
    [{ entraAudience: 'api://kaohe' }, 'eu-central-1', 'entraAudience「api://kaohe」不是应用（客户端）ID'],
    [{ entraCloud: 'azure' }, 'eu-central-1', 'entraCloud「azure」无效'],
    [{ addinOrigin: 'http://kaohe.example.org' }, 'eu-central-1', 'addinOrigin「http://kaohe.example.org」无效'],
    [{ addinOrigin: 'https://kaohe.example.org/app' }, 'eu-central-1', 'addinOrigin「https://kaohe.example.org/app」无效'],
    [{ addinOrigin: 'https://kaohe.example.org' }, 'eu-central-1', '须提供 addinCertificateArn'],
    [
      { addinOrigin: 'https://kaohe.example.org', addinCertificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/ab-12' },
      'eu-central-1',
      '须提供 addinCertificateArn（us-east-1 区域的 ACM 证书 ARN）',
    ],
    [{ addinOrigin: 'https://kaohe.example.gov.cn' }, 'cn-north-1', '须提供 addinIamCertificateId'],
    [{ alarmEmail: 'it-department' }, 'eu-central-1', 'alarmEmail「it-department」不是电子邮件地址'],
    [{ alarmEmail: 42 }, 'eu-central-1', '上下文参数 alarmEmail 应为字符串，实际为 42'],
  ])('rejects %j in %s', (values, region, message) => {
    // Prepare
    const get = contextOf(values);

    // Act
    const read = (): unknown => readDeployConfig(get, region);

    // Assess
    expect(read).toThrow(DeployConfigError);
    expect(read).toThrow(message);
  });
});
