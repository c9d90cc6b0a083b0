/**
 * The Excel add-in manifest (XML, schema v1.1): one template, rendered for any HTTPS origin.
 * `npm run build:addin` and the infra app call `renderManifest`; run directly it rewrites the
 * committed manifest.xml for the local stack: `tsx scripts/manifest.ts [baseUrl]`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RIBBON_FUNCTIONS } from '../addin/src/commands/functionNames.js';

/** The help page the add-in serves (SupportUrl, the GetStarted link). */
export const HELP_PAGE = 'help.html';

/** Origin of the add-in under `npm start`. */
export const LOCAL_ADDIN_URL = 'https://localhost:3000';

/** Stable add-in id: Office keys document settings and trust to it, so it never changes. */
const ADDIN_ID = '5d0c7a34-2f6b-4c1e-9a8d-3e7b1f24c6a9';

export { RIBBON_FUNCTIONS };

/** A user-facing string in zh-CN with its en-US override. */
interface Text {
  zh: string;
  en: string;
}

const TEXT = {
  name: { zh: '目标管理考核', en: 'Target Management Assessment' },
  description: {
    zh: '乡镇目标管理考核：校验各组填报的表格，计算对村考核、组考核、经费发放，生成考核通报。',
    en: 'Township target management: checks the groups’ sheets, scores villages and groups, pays funds and writes the bulletin.',
  },
  tab: { zh: '考核', en: 'Assessment' },
  group: { zh: '目标管理考核', en: 'Target management' },
  compute: { zh: '计算考核', en: 'Compute' },
  computeTip: {
    zh: '读取本工作簿的各张表，计算本月考核结果并写入结果工作表。',
    en: 'Reads the sheets of this workbook, computes the month and writes the result sheets.',
  },
  validate: { zh: '校验', en: 'Validate' },
  validateTip: {
    zh: '只检查填报是否有误，把问题列在「校验问题」工作表，不计算结果。',
    en: 'Checks the entries only and lists the problems on the 校验问题 sheet.',
  },
  pane: { zh: '打开面板', en: 'Open pane' },
  paneTip: {
    zh: '打开考核面板：设置、问题列表、结果摘要、历史记录与定稿。',
    en: 'Opens the pane: settings, issues, summary, history and finalisation.',
  },
  getStarted: { zh: '目标管理考核已加载', en: 'Assessment add-in loaded' },
  getStartedTip: {
    zh: '在「考核」选项卡上点击「计算考核」即可生成本月考核结果。',
    en: 'Click Compute on the Assessment tab to produce this month’s results.',
  },
} satisfies Record<string, Text>;

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A top-level localised setting (DisplayName, Description). */
const localeSetting = (tag: string, text: Text): string =>
  `  <${tag} DefaultValue="${escapeXml(text.zh)}">\n` +
  `    <Override Locale="en-US" Value="${escapeXml(text.en)}"/>\n` +
  `  </${tag}>`;

/** A resource string (bt:String) with its en-US override. */
const resourceString = (id: string, text: Text, indent: string): string =>
  `${indent}<bt:String id="${id}" DefaultValue="${escapeXml(text.zh)}">\n` +
  `${indent}  <bt:Override Locale="en-US" Value="${escapeXml(text.en)}"/>\n` +
  `${indent}</bt:String>`;

/** Icon sizes the ribbon asks for. */
export const ICON_SIZES = [16, 32, 80] as const;

/**
 * The add-in's own icon also at 64×64: HighResolutionIconUrl, "recommended resolution 64 x 64"
 * (https://learn.microsoft.com/javascript/api/manifest/highresolutioniconurl).
 */
export const HIGH_RESOLUTION_ICON = 64;

/** Icon families drawn by addin/build/icons.ts: the add-in's own and one per ribbon button. */
export const ICON_NAMES = ['icon', 'compute', 'validate', 'pane'] as const;
type IconName = (typeof ICON_NAMES)[number];

const iconRefs = (icon: IconName, indent: string): string =>
  [
    `${indent}<Icon>`,
    ...ICON_SIZES.map((s) => `${indent}  <bt:Image size="${s}" resid="${icon}.${s}"/>`),
    `${indent}</Icon>`,
  ].join('\n');

interface ButtonSpec {
  id: string;
  /** Prefix of the button's resources `<key>.Label` and `<key>.Tip`. */
  key: string;
  icon: IconName;
  action: string;
}

const BUTTONS: readonly ButtonSpec[] = [
  {
    id: 'Kh.Compute',
    key: 'Compute',
    icon: 'compute',
    action: `<Action xsi:type="ExecuteFunction"><FunctionName>${RIBBON_FUNCTIONS.compute}</FunctionName></Action>`,
  },
  {
    id: 'Kh.Validate',
    key: 'Validate',
    icon: 'validate',
    action: `<Action xsi:type="ExecuteFunction"><FunctionName>${RIBBON_FUNCTIONS.validate}</FunctionName></Action>`,
  },
  {
    id: 'Kh.Pane',
    key: 'Pane',
    icon: 'pane',
    action:
      '<Action xsi:type="ShowTaskpane"><TaskpaneId>KhTaskpane</TaskpaneId>' +
      '<SourceLocation resid="Taskpane.Url"/><Title resid="Name"/></Action>',
  },
];

/**
 * The `<Hosts>` of VersionOverrides: the 考核 tab on the ribbon of Excel for desktop and web, and
 * one shared runtime for the pane and the commands (`<Runtimes>`, used where SharedRuntime 1.1
 * exists, ignored elsewhere): the function file is the pane's own page.
 */
function hostsXml(): string {
  const i = '    ';
  const buttons = BUTTONS.map((b) =>
    [
      `${i}            <Control xsi:type="Button" id="${b.id}">`,
      `${i}              <Label resid="${b.key}.Label"/>`,
      `${i}              <Supertip>`,
      `${i}                <Title resid="${b.key}.Label"/>`,
      `${i}                <Description resid="${b.key}.Tip"/>`,
      `${i}              </Supertip>`,
      iconRefs(b.icon, `${i}              `),
      `${i}              ${b.action}`,
      `${i}            </Control>`,
    ].join('\n'),
  ).join('\n');
  return [
    `${i}<Hosts>`,
    `${i}  <Host xsi:type="Workbook">`,
    `${i}    <Runtimes>`,
    `${i}      <Runtime resid="Taskpane.Url" lifetime="long"/>`,
    `${i}    </Runtimes>`,
    `${i}    <DesktopFormFactor>`,
    `${i}      <GetStarted>`,
    `${i}        <Title resid="GetStarted.Title"/>`,
    `${i}        <Description resid="GetStarted.Description"/>`,
    `${i}        <LearnMoreUrl resid="Help.Url"/>`,
    `${i}      </GetStarted>`,
    `${i}      <FunctionFile resid="Taskpane.Url"/>`,
    `${i}      <ExtensionPoint xsi:type="PrimaryCommandSurface">`,
    `${i}        <CustomTab id="Kh.Tab">`,
    `${i}          <Group id="Kh.Group">`,
    `${i}            <Label resid="Group.Label"/>`,
    iconRefs('icon', `${i}            `),
    buttons,
    `${i}          </Group>`,
    `${i}          <Label resid="Tab.Label"/>`,
    `${i}        </CustomTab>`,
    `${i}      </ExtensionPoint>`,
    `${i}    </DesktopFormFactor>`,
    `${i}  </Host>`,
    `${i}</Hosts>`,
  ].join('\n');
}

function resourcesXml(base: string): string {
  const i = '    ';
  const shortStrings: [string, Text][] = [
    ['Name', TEXT.name],
    ['Tab.Label', TEXT.tab],
    ['Group.Label', TEXT.group],
    ['Compute.Label', TEXT.compute],
    ['Validate.Label', TEXT.validate],
    ['Pane.Label', TEXT.pane],
    ['GetStarted.Title', TEXT.getStarted],
  ];
  const longStrings: [string, Text][] = [
    ['Compute.Tip', TEXT.computeTip],
    ['Validate.Tip', TEXT.validateTip],
    ['Pane.Tip', TEXT.paneTip],
    ['GetStarted.Description', TEXT.getStartedTip],
  ];
  return [
    `${i}<Resources>`,
    `${i}  <bt:Images>`,
    ...ICON_NAMES.flatMap((n) =>
      ICON_SIZES.map((s) => `${i}    <bt:Image id="${n}.${s}" DefaultValue="${base}/assets/${n}-${s}.png"/>`),
    ),
    `${i}  </bt:Images>`,
    `${i}  <bt:Urls>`,
    `${i}    <bt:Url id="Taskpane.Url" DefaultValue="${base}/taskpane.html"/>`,
    `${i}    <bt:Url id="Help.Url" DefaultValue="${base}/${HELP_PAGE}"/>`,
    `${i}  </bt:Urls>`,
    `${i}  <bt:ShortStrings>`,
    ...shortStrings.map(([id, t]) => resourceString(id, t, `${i}    `)),
    `${i}  </bt:ShortStrings>`,
    `${i}  <bt:LongStrings>`,
    ...longStrings.map(([id, t]) => resourceString(id, t, `${i}    `)),
    `${i}  </bt:LongStrings>`,
    `${i}</Resources>`,
  ].join('\n');
}

/**
 * Renders the add-in manifest for the add-in served at `baseUrl` (an HTTPS origin, optionally
 * with a path). ExcelApi 1.7 is the floor so that Excel 2019 still loads the pane and shows why
 * it cannot run the add-in; everything above it is checked at run time.
 */
export function renderManifest(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') throw new Error(`加载项地址必须使用 HTTPS：${baseUrl}`);
  const base = url.href.replace(/\/+$/, '');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"',
    '           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"',
    '           xsi:type="TaskPaneApp">',
    `  <Id>${ADDIN_ID}</Id>`,
    '  <Version>1.0.0.0</Version>',
    '  <ProviderName>目标管理考核</ProviderName>',
    '  <DefaultLocale>zh-CN</DefaultLocale>',
    localeSetting('DisplayName', TEXT.name),
    localeSetting('Description', TEXT.description),
    `  <IconUrl DefaultValue="${base}/assets/icon-32.png"/>`,
    `  <HighResolutionIconUrl DefaultValue="${base}/assets/icon-${HIGH_RESOLUTION_ICON}.png"/>`,
    `  <SupportUrl DefaultValue="${base}/${HELP_PAGE}"/>`,
    '  <AppDomains>',
    `    <AppDomain>${url.origin}</AppDomain>`,
    '  </AppDomains>',
    '  <Hosts>',
    '    <Host Name="Workbook"/>',
    '  </Hosts>',
    '  <Requirements>',
    '    <Sets DefaultMinVersion="1.1">',
    '      <Set Name="ExcelApi" MinVersion="1.7"/>',
    '    </Sets>',
    '  </Requirements>',
    '  <DefaultSettings>',
    `    <SourceLocation DefaultValue="${base}/taskpane.html"/>`,
    '  </DefaultSettings>',
    '  <Permissions>ReadWriteDocument</Permissions>',
    '  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">',
    hostsXml(),
    resourcesXml(base),
    '  </VersionOverrides>',
    '</OfficeApp>',
    '',
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = resolve(fileURLToPath(new URL('..', import.meta.url)), 'manifest.xml');
  writeFileSync(target, renderManifest(process.argv[2] ?? LOCAL_ADDIN_URL));
  console.log(`已写入 ${target}`);
}
