/** Which Microsoft cloud issues the users' tokens: Entra ID (global) or the 21Vianet-operated one (China). */
export type EntraCloud = 'global' | 'china';

/** How CloudFront proves the custom domain: an ACM certificate (global) or an IAM server certificate (China). */
export type AddinCertificate = { kind: 'acm'; arn: string } | { kind: 'iam'; id: string };

/** The add-in's own domain, served by CloudFront under an alternate domain name. */
export interface AddinDomain {
  /** `https://host` without a trailing slash. */
  origin: string;
  host: string;
  certificate: AddinCertificate;
}

/** Who signs the users in: the service's own accounts (default) or the town's Entra ID tenant. */
export type IdentityMode = 'local' | 'entra';

/** Everything a town's deployment differs in, read from CDK context. */
export interface DeployConfig {
  /** True when the stack targets a China region (`cn-*`): changes CloudFront and the Entra cloud. */
  china: boolean;
  /** `-c identity=local|entra`; the entra* values below matter only for `entra`. */
  identity: IdentityMode;
  /**
   * `-c apiOrigin=https://api.example.gov.cn`: the API's own (ICP-filed) domain, mapped to the HTTP API
   * by the operator; the issuer of the service's tokens. Without it the issuer is the execute-api URL.
   */
  apiOrigin?: string;
  entraTenantId: string;
  entraAudience: string;
  entraCloud: EntraCloud;
  /** The tenant's sign-in authority (MSAL `authority`), e.g. `https://login.microsoftonline.com/<tenant>`. */
  entraAuthority: string;
  /** The JWT issuer the HTTP API's authorizer accepts: the authority's v2.0 endpoint. */
  jwtIssuer: string;
  addinDomain?: AddinDomain;
  alarmEmail?: string;
}

/** A config plus the context keys that fell back to placeholders (the deployment would reject every token). */
export interface ResolvedDeployConfig {
  config: DeployConfig;
  placeholders: string[];
}

/** A context value that cannot be deployed; the message names the key and says what is expected. */
export class DeployConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployConfigError';
  }
}

/** Placeholder values that let `cdk synth` run without any context. */
export const PLACEHOLDERS = {
  entraTenantId: '00000000-0000-0000-0000-000000000000',
  entraAudience: '00000000-0000-0000-0000-000000000000',
} as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID_MEANING: Record<keyof typeof PLACEHOLDERS, string> = { entraTenantId: '租户 ID', entraAudience: '应用（客户端）ID' };

const LOGIN_HOSTS: Record<EntraCloud, string> = {
  global: 'login.microsoftonline.com',
  china: 'login.partner.microsoftonline.cn',
};

/**
 * Reads the deployment's context values, validates them and fills placeholders for missing required ones.
 * @param get reads one context key (`node.tryGetContext`); values may be strings (`-c key=value`) or JSON from cdk.json.
 * @param region the stack's region when known at synth time; `cn-*` selects the China variant.
 * @throws DeployConfigError when a given value cannot work.
 */
export function readDeployConfig(get: (key: string) => unknown, region: string | undefined): ResolvedDeployConfig {
  const placeholders: string[] = [];
  // v2.0 tokens name the tenant's GUID in `iss` and the API app's client ID in `aud`: a domain name or an
  // api:// URI here would make the authorizer reject every token.
  const requiredGuid = (key: keyof typeof PLACEHOLDERS): string => {
    const value = optionalString(get, key);
    if (value === undefined) {
      placeholders.push(key);
      return PLACEHOLDERS[key];
    }
    if (!GUID.test(value)) throw new DeployConfigError(`${key}「${value}」不是${GUID_MEANING[key]}（GUID，形如 xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx）。`);
    return value;
  };

  const china = region?.startsWith('cn-') ?? false;
  const identity = readIdentity(get);
  const entraTenantId = requiredGuid('entraTenantId');
  const entraAudience = requiredGuid('entraAudience');
  // The service's own accounts need no Entra ID values: their placeholders are never used.
  if (identity === 'local') placeholders.length = 0;
  const apiOrigin = optionalString(get, 'apiOrigin');
  if (apiOrigin !== undefined && !/^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(apiOrigin)) {
    throw new DeployConfigError(`apiOrigin「${apiOrigin}」无效，应为 https://域名（不带路径和结尾斜杠），例如 https://api.kaohe.example.gov.cn。`);
  }
  const entraCloud = readEntraCloud(get, china);
  const entraAuthority = `https://${LOGIN_HOSTS[entraCloud]}/${entraTenantId}`;
  const addinDomain = readAddinDomain(get, china);
  const alarmEmail = optionalString(get, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new DeployConfigError(`alarmEmail「${alarmEmail}」不是电子邮件地址。`);
  }

  return {
    config: {
      china,
      identity,
      ...(apiOrigin !== undefined && { apiOrigin: apiOrigin.toLowerCase() }),
      entraTenantId,
      entraAudience,
      entraCloud,
      entraAuthority,
      jwtIssuer: `${entraAuthority}/v2.0`,
      ...(addinDomain && { addinDomain }),
      ...(alarmEmail !== undefined && { alarmEmail }),
    },
    placeholders,
  };
}

function optionalString(get: (key: string) => unknown, key: string): string | undefined {
  const value = get(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new DeployConfigError(`上下文参数 ${key} 应为字符串，实际为 ${JSON.stringify(value)}。`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function readIdentity(get: (key: string) => unknown): IdentityMode {
  const value = optionalString(get, 'identity');
  if (value === undefined || value === 'local') return 'local';
  if (value === 'entra') return 'entra';
  throw new DeployConfigError(`identity「${value}」无效，应为 local（本服务账号，默认）或 entra（Microsoft Entra ID）。`);
}

function readEntraCloud(get: (key: string) => unknown, china: boolean): EntraCloud {
  const value = optionalString(get, 'entraCloud');
  if (value === undefined) return china ? 'china' : 'global';
  if (value === 'global' || value === 'china') return value;
  throw new DeployConfigError(`entraCloud「${value}」无效，应为 global 或 china。`);
}

function readAddinDomain(get: (key: string) => unknown, china: boolean): AddinDomain | undefined {
  const origin = optionalString(get, 'addinOrigin');
  if (origin === undefined) return undefined;
  const match = /^https:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)\/?$/i.exec(origin);
  if (!match?.[1]) {
    throw new DeployConfigError(`addinOrigin「${origin}」无效，应为 https://域名（不带路径），例如 https://kaohe.example.gov.cn。`);
  }
  const host = match[1].toLowerCase();
  const certificate = readCertificate(get, china);
  return { origin: `https://${host}`, host, certificate };
}

function readCertificate(get: (key: string) => unknown, china: boolean): AddinCertificate {
  if (china) {
    const id = optionalString(get, 'addinIamCertificateId');
    if (id === undefined) {
      throw new DeployConfigError('中国区 CloudFront 不支持 ACM：使用 addinOrigin 时须提供 addinIamCertificateId（已上传到 IAM 的服务器证书 ID）。');
    }
    return { kind: 'iam', id };
  }
  const arn = optionalString(get, 'addinCertificateArn');
  if (arn === undefined || !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(arn)) {
    throw new DeployConfigError(`使用 addinOrigin 时须提供 addinCertificateArn（us-east-1 区域的 ACM 证书 ARN），当前为「${arn ?? ''}」。`);
  }
  return { kind: 'acm', arn };
}
