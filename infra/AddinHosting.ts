import { RemovalPolicy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ADDIN_ROOT_PAGE } from './addinContent.js';
import type { AddinDomain } from './deployConfig.js';

export interface AddinHostingProps {
  /** China regions: CloudFront there has no OAC, no cache policies, no ACM and no usable default domain. */
  china: boolean;
  domain?: AddinDomain;
}

/** What the add-in's bucket receives on every deployment. */
export interface AddinPublication {
  contentDir: string;
  /** manifest.xml rendered for this deployment's origin. */
  manifestXml: string;
  /** config.json read by the add-in at start-up (API URL, Entra settings); may hold deploy-time tokens. */
  runtimeConfig: Record<string, unknown>;
}

/** A private S3 bucket behind CloudFront that serves the built add-in, its manifest and its runtime config. */
export class AddinHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://host` the add-in is served from (a deploy-time token without a custom domain). */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: AddinHostingProps) {
    super(scope, id);
    const { china, domain } = props;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Holds only build output, which every deployment rewrites.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: '目标管理考核加载项',
      defaultRootObject: ADDIN_ROOT_PAGE,
      defaultBehavior: {
        origin: china
          ? origins.S3BucketOrigin.withOriginAccessIdentity(this.bucket)
          : origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      },
      enableIpv6: !china,
      ...(domain?.certificate.kind === 'acm' && {
        domainNames: [domain.host],
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificate.arn),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
    });
    if (china) this.adaptToChina(domain);

    this.origin = domain?.origin ?? `https://${this.distribution.distributionDomainName}`;
  }

  /** Uploads the add-in with its manifest and runtime config, then invalidates CloudFront's cache. */
  publish(publication: AddinPublication): s3deploy.BucketDeployment {
    // Later sources win: this deployment's config.json and manifest.xml replace any the build left behind.
    const sources = [
      s3deploy.Source.asset(publication.contentDir),
      s3deploy.Source.jsonData('config.json', publication.runtimeConfig),
      s3deploy.Source.data('manifest.xml', publication.manifestXml),
    ];
    return new s3deploy.BucketDeployment(this, 'Deployment', {
      sources,
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
  }

  /**
   * CloudFront in China rejects CachePolicyId (legacy ForwardedValues instead) and takes certificates only from
   * IAM; the L2 construct offers neither, hence the overrides.
   */
  private adaptToChina(domain: AddinDomain | undefined): void {
    const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    cfn.addPropertyDeletionOverride('DistributionConfig.DefaultCacheBehavior.CachePolicyId');
    cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ForwardedValues', { QueryString: false });
    if (domain?.certificate.kind === 'iam') {
      cfn.addPropertyOverride('DistributionConfig.Aliases', [domain.host]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: domain.certificate.id,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
  }
}
