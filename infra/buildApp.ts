import { Annotations, App, type Environment } from 'aws-cdk-lib';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateAddinContent } from './addinContent.js';
import { AssessmentStack } from './AssessmentStack.js';
import { readDeployConfig } from './deployConfig.js';

/** The one stack's name (and CloudFormation stack name). */
export const STACK_NAME = 'MubiaoKaohe';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildAppOptions {
  /** Extra context (tests); the CDK CLI passes `-c` values and cdk.json's context through the environment. */
  context?: Record<string, unknown>;
  /** Cloud assembly folder; defaults to the CLI's (or a temp folder outside the CLI). */
  outdir?: string;
  env?: Environment;
}

export interface BuiltApp {
  app: App;
  stack: AssessmentStack;
}

/**
 * Builds the CDK app with its one stack, attaching a warning for every placeholder or missing piece so that
 * `cdk synth`/`cdk deploy` print them.
 */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const app = new App({
    ...(options.outdir !== undefined && { outdir: options.outdir }),
    ...(options.context && { context: options.context }),
  });
  const region = options.env?.region;
  const { config, placeholders } = readDeployConfig((key) => app.node.tryGetContext(key), region);
  const addin = locateAddinContent(REPO_ROOT);

  const stack = new AssessmentStack(app, STACK_NAME, {
    ...(options.env && { env: options.env }),
    description: '目标管理考核：HTTP API、Lambda、DynamoDB、加载项托管',
    config,
    repoRoot: REPO_ROOT,
    addinDir: addin.dir,
  });

  const warn = (id: string, message: string): void => Annotations.of(stack).addWarningV2(`mubiao:${id}`, message);
  if (placeholders.length > 0) {
    warn('placeholders', `以下上下文参数使用了占位值，部署后 API 将拒绝所有令牌：${placeholders.join('、')}（用 -c 键=值 或 cdk.json 设置）。`);
  }
  if (!addin.built) warn('addinNotBuilt', `未找到 dist/addin，已用占位页面代替（${addin.dir}）；请先运行 npm run build:addin。`);
  if (addin.localOfficeJs) {
    warn('addinDevBuild', 'dist/addin 是开发版构建（office.js 为本地副本，npm start 所建）；部署前请运行 npm run build:addin（从 CDN 加载 office.js）。');
  }
  if (config.china && !config.addinDomain) {
    warn('chinaDomain', '中国区 CloudFront 不能用默认域名 *.cloudfront.cn 提供内容：请设置已备案的 addinOrigin 与 addinIamCertificateId。');
  }
  if (region === undefined) warn('regionUnknown', '未指定区域，按全球分区合成；部署到中国区请设置 AWS_REGION=cn-north-1 或 cn-northwest-1。');
  return { app, stack };
}

/** One function's bundle as staged in the cloud assembly. */
export interface BundleSize {
  handler: string;
  file: string;
  bytes: number;
}

/** Sizes of the bundled handlers (index.mjs, source map excluded). */
export function bundleSizes(stack: AssessmentStack): BundleSize[] {
  return stack.service.functions.map(({ route, bundleDir }) => {
    const file = join(bundleDir, 'index.mjs');
    return { handler: route.handler, file, bytes: statSync(file).size };
  });
}
