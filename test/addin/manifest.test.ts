import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCAL_ADDIN_URL, RIBBON_FUNCTIONS, renderManifest } from '../../scripts/manifest.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The schemas are vendored with their source notes (addin/manifest-schemas/SOURCES.txt).
const schema = resolve(root, 'addin/manifest-schemas/OfficeAppManifestV1_1.xsd');

/** Runs the validation command of the manifest's schema folder on `xml`. */
function xmllint(xml: string): { status: number | null; stderr: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'manifest.xml');
  writeFileSync(file, xml);
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
    expect(xml).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(xml).toContain('<Host Name="Workbook"/>');
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

  it('refuses a base address without HTTPS', () => {
    // Act
    const render = () => renderManifest('http://localhost:3000');

    // Assess
    expect(render).toThrow('加载项地址必须使用 HTTPS');
  });
});
