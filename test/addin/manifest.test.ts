import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getXmlAttributeValue, getXmlElement, getXmlElements, OfficeAddinManifest } from 'office-addin-manifest';
// The package's own XML reader (xml2js), offline; its `validate` needs the internet, so the schema check stays with xmllint.
import { ManifestHandlerXml } from 'office-addin-manifest/lib/manifestHandler/manifestHandlerXml.js';
import { describe, expect, it } from 'vitest';
import { HELP_PAGE, LOCAL_ADDIN_URL, RIBBON_FUNCTIONS, renderManifest } from '../../scripts/manifest.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The schemas are vendored with their source notes (addin/manifest-schemas/SOURCES.txt).
const schema = resolve(root, 'addin/manifest-schemas/OfficeAppManifestV1_1.xsd');

/** `xml` in a file of its own, for the tools that read files. */
function manifestFile(xml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'manifest.xml');
  writeFileSync(file, xml);
  return file;
}

/** Runs the validation command of the manifest's schema folder on `xml`. */
function xmllint(xml: string): { status: number | null; stderr: string } {
  const file = manifestFile(xml);
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, stderr: run.stderr };
}

describe('manifest.xml', () => {
  it('is the localhost rendering and validates against the v1.1 schema', () => {
    // Prepare
    const committed = readFileSync(resolve(root, 'manifest.xml'), 'utf8');

    // Act
    const result = xmllint(committed);

    // Assess
    expect(committed).toBe(renderManifest(LOCAL_ADDIN_URL));
    expect(result.stderr).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('validates for a deployed domain with a path', () => {
    // Prepare
    const xml = renderManifest('https://kaohe.example.cn/addin/');

    // Act
    const result = xmllint(xml);

    // Assess
    expect(result.status).toBe(0);
    expect(xml).toContain('<SourceLocation DefaultValue="https://kaohe.example.cn/addin/taskpane.html"/>');
    expect(xml).toContain('<AppDomain>https://kaohe.example.cn</AppDomain>');
    expect(xml).not.toContain('localhost');
  });

  it('fails validation when a button has no Supertip', () => {
    // Prepare
    const xml = renderManifest(LOCAL_ADDIN_URL).replace(/<Supertip>[\s\S]*?<\/Supertip>/, '');

    // Act
    const result = xmllint(xml);

    // Assess
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Supertip');
  });

  it('declares the 考核 tab with its three buttons in zh-CN and en-US', () => {
    // Prepare
    const xml = renderManifest(LOCAL_ADDIN_URL);

    // Act
    const functionNames = [...xml.matchAll(/<FunctionName>(\w+)<\/FunctionName>/g)].map((m) => m[1]);
    const actions = [...xml.matchAll(/<Action xsi:type="(\w+)">/g)].map((m) => m[1]);

    // Assess
    expect(functionNames).toEqual([RIBBON_FUNCTIONS.compute, RIBBON_FUNCTIONS.validate]);
    expect(actions).toEqual(['ExecuteFunction', 'ExecuteFunction', 'ShowTaskpane']);
    for (const [label, english] of [
      ['考核', 'Assessment'],
      ['计算考核', 'Compute'],
      ['校验', 'Validate'],
      ['打开面板', 'Open pane'],
    ]) {
      expect(xml).toContain(`DefaultValue="${label}">\n          <bt:Override Locale="en-US" Value="${english}"/>`);
    }
    for (const size of [16, 32, 80]) expect(xml).toContain(`https://localhost:3000/assets/compute-${size}.png`);
  });

  it('declares the shared runtime on the pane’s page and validates with it; an unknown element fails', () => {
    // Prepare
    const xml = renderManifest(LOCAL_ADDIN_URL);
    const unknown = xml.replace('<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime resid="Taskpane.Url" lifetime="long"/><Rumtime/>');

    // Act
    const valid = xmllint(xml);
    const invalid = xmllint(unknown);

    // Assess
    expect(xml).toContain('<Runtimes>\n          <Runtime resid="Taskpane.Url" lifetime="long"/>\n        </Runtimes>');
    expect(valid.status).toBe(0);
    expect(invalid.status).not.toBe(0);
    expect(invalid.stderr).toContain('Rumtime');
  });

  it('reads back with office-addin-manifest: id, version, locale, host, minimum ExcelApi, runtime, help page and 64×64 icon', async () => {
    // Prepare
    const file = manifestFile(renderManifest('https://kaohe.example.cn'));

    // Act
    const info = await OfficeAddinManifest.readManifestFile(file);
    const xml = await new ManifestHandlerXml(file).parseXmlAsync();
    const app = xml.OfficeApp;
    const sets = getXmlElements(getXmlElement(getXmlElement(app, 'Requirements'), 'Sets'), 'Set').map((set) => [
      getXmlAttributeValue(set, 'Name'),
      getXmlAttributeValue(set, 'MinVersion'),
    ]);
    const host = getXmlElement(getXmlElement(getXmlElement(app, 'VersionOverrides'), 'Hosts'), 'Host');
    const runtime = getXmlElement(getXmlElement(host, 'Runtimes'), 'Runtime');
    const functionFile = getXmlElement(getXmlElement(host, 'DesktopFormFactor'), 'FunctionFile');

    // Assess
    expect(info.id).toBe('5d0c7a34-2f6b-4c1e-9a8d-3e7b1f24c6a9');
    expect(info.version).toBe('1.0.0.0');
    expect(info.defaultLocale).toBe('zh-CN');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.supportUrl).toBe(`https://kaohe.example.cn/${HELP_PAGE}`);
    expect(info.highResolutionIconUrl).toBe('https://kaohe.example.cn/assets/icon-64.png');
    expect(info.defaultSettings?.sourceLocation).toBe('https://kaohe.example.cn/taskpane.html');
    expect(sets).toEqual([['ExcelApi', '1.7']]);
    expect([getXmlAttributeValue(runtime, 'resid'), getXmlAttributeValue(runtime, 'lifetime')]).toEqual(['Taskpane.Url', 'long']);
    expect(getXmlAttributeValue(functionFile, 'resid')).toBe('Taskpane.Url');
  });

  it('refuses a base address without HTTPS', () => {
    // Act
    const render = () => renderManifest('http://localhost:3000');

    // Assess
    expect(render).toThrow('加载项地址必须使用 HTTPS');
  });
});
