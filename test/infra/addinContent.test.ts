import { describe, expect, it } from 'vitest';
import { renderManifestFor } from '../../infra/addinContent.js';
import { renderManifest } from '../../scripts/manifest.js';

describe('renderManifestFor', () => {
  it('puts a deploy-time origin into every URL of the manifest', () => {
    // Prepare: what CDK makes of `https://${distribution.distributionDomainName}`
    const origin = 'https://${Token[TOKEN.123]}';

    // Act
    const xml = renderManifestFor(origin);

    // Assess
    expect(xml).toContain(`<SourceLocation DefaultValue="${origin}/taskpane.html"/>`);
    expect(xml).toContain(`<bt:Url id="Help.Url" DefaultValue="${origin}/help.html"/>`);
    expect(xml).toContain(`<SupportUrl DefaultValue="${origin}/help.html"/>`);
    expect(xml).toContain(`<AppDomain>${origin}</AppDomain>`);
    expect(xml).not.toContain('.invalid');
  });

  it('renders a literal origin as the renderer itself would', () => {
    // Prepare
    const origin = 'https://kaohe.example.gov.cn';

    // Act
    const xml = renderManifestFor(origin);

    // Assess
    expect(xml).toBe(renderManifest(origin));
  });
});
