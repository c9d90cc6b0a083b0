/**
 * Opens the bytes of a file as an .xlsx/.xlsm package, or says in Chinese what the file is
 * instead (SPEC §8): .xls/.et, encrypted, .ods, text/.csv, HTML, a damaged zip, a zip bomb, a
 * zip without a workbook. The zip's central directory is checked against the limits below
 * before anything is inflated. Browser-safe (no node: imports): the CLI and the browser mode
 * share it.
 */
import JSZip from 'jszip';
import { attributes, elements, relationships } from './ooxml.js';

/** At most this many parts (Excel's own files hold a few dozen; a district year a few hundred). */
export const MAX_PARTS = 10_000;
/** At most this many bytes once inflated (the district-year benchmark workbook inflates to ~60 MB). */
export const MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024;

/** A file that cannot be assessed; the message is Chinese, says what the file is and what to do. */
export class WorkbookFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbookFileError';
  }
}

/** An opened workbook package. */
export interface XlsxPackage {
  /** The file as read; the result copy is made from these bytes. */
  bytes: Uint8Array;
  zip: JSZip;
  /** The workbook part, usually `xl/workbook.xml`. */
  workbookPart: string;
  /** An .xlsm: the copy keeps its macros and must be saved as .xlsm. */
  macroEnabled: boolean;
}

const SAVE_AS = '请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（*.xlsx）后再试。';
export const MESSAGES = {
  empty: '文件是空的（0 字节）：请重新保存工作簿后再试。',
  encrypted: '文件设置了打开密码，请先取消密码：在 Excel 或 WPS 中打开，清除“用密码进行加密”（WPS：文件 → 文档加密）中的密码并保存后再试。',
  ole: `这是旧版 Excel 97-2003（.xls）或 WPS 表格（.et）格式的文件，本系统只读取 .xlsx 工作簿：${SAVE_AS}`,
  ods: '这是 OpenDocument 电子表格（.ods），不是 .xlsx 工作簿：请在 LibreOffice 或 WPS 中“另存为” Excel 2007-365（.xlsx）格式后再试。',
  text: `这是文本文件（如 .csv），不是工作簿：${SAVE_AS}`,
  html: `这是网页（HTML）格式的文件（系统导出的“.xls”常是这种格式），不是工作簿：${SAVE_AS}`,
  xml2003: `这是 Excel 2003 XML 表格，不是 .xlsx 工作簿：${SAVE_AS}`,
  damaged: '文件已损坏（压缩包不完整或无法解压）：请用 Excel 或 WPS 打开并修复后重新保存，或重新复制、下载原文件。',
  noWorkbook: '这是 zip 压缩包，但其中没有工作簿（缺少 xl/workbook.xml），不是 .xlsx 文件：请选择 Excel 或 WPS 保存的 .xlsx 工作簿。',
  word: '这是 Word 文档（.docx），不是工作簿：请选择考核工作簿（.xlsx）。',
  powerpoint: '这是 PowerPoint 演示文稿（.pptx），不是工作簿：请选择考核工作簿（.xlsx）。',
  unknown: '无法识别的文件格式，不是 .xlsx 工作簿：请选择 Excel 或 WPS 保存的 .xlsx 文件。',
} as const;

const MB = 1024 * 1024;

/** The limits message, with what the file declares. */
export const tooLargeMessage = (parts: number, bytes: number): string =>
  `压缩包解压后过大或部件过多（${parts} 个部件、${Math.ceil(bytes / MB)} MB；上限 ${MAX_PARTS} 个、${MAX_UNCOMPRESSED_BYTES / MB} MB），` +
  '可能是损坏或恶意构造的文件，已拒绝读取：考核工作簿通常只有几 MB，请检查文件来源。';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** Whether the UTF-16LE name occurs in the bytes (an OLE directory entry's name). */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  outer: for (let i = 0; i + name.length * 2 <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let k = 1; k < name.length; k++) {
      if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/** What a file that is neither zip nor OLE is, judged from its first bytes. */
function describeNonZip(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return MESSAGES.unknown;
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (text.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) return MESSAGES.xml2003;
  if (/^<(!doctype html|html|table|meta|head)\b/.test(text) || (text.startsWith('<') && text.includes('<table'))) return MESSAGES.html;
  return MESSAGES.text;
}

interface ZipDirectory {
  names: string[];
  uncompressed: number;
}

/**
 * Reads the zip's central directory without inflating anything.
 * @throws WorkbookFileError damaged when the directory cannot be read
 */
function centralDirectory(bytes: Uint8Array): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = () => new WorkbookFileError(MESSAGES.damaged);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  let entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) throw damaged();
    const zip64 = Number(view.getBigUint64(locator + 8, true));
    if (zip64 + 56 > bytes.length || view.getUint32(zip64, true) !== 0x06064b50) throw damaged();
    entries = Number(view.getBigUint64(zip64 + 32, true));
    offset = Number(view.getBigUint64(zip64 + 48, true));
  }
  if (entries > MAX_PARTS) throw new WorkbookFileError(tooLargeMessage(entries, 0));
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  let uncompressed = 0;
  for (let n = 0, at = offset; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw damaged();
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength > bytes.length) throw damaged();
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    if (size === 0xffffffff) size = zip64Size(view, at + 46 + nameLength, extraLength);
    uncompressed += size;
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (uncompressed > MAX_UNCOMPRESSED_BYTES) throw new WorkbookFileError(tooLargeMessage(entries, uncompressed));
  return { names, uncompressed };
}

/** The uncompressed size from an entry's ZIP64 extra field; unknown counts as too large. */
function zip64Size(view: DataView, at: number, length: number): number {
  for (let p = at; p + 4 <= at + length; ) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x0001 && size >= 8) return Number(view.getBigUint64(p + 4, true));
    p += 4 + size;
  }
  return Number.POSITIVE_INFINITY;
}

/** The workbook part the package's relationships name (`xl/workbook.xml` for nearly every file). */
async function findWorkbookPart(zip: JSZip): Promise<string | null> {
  const rels = zip.file('_rels/.rels');
  if (rels) {
    const main = relationships(await rels.async('string')).find((r) => r.type.endsWith('/officeDocument'));
    const target = main?.target.replace(/^\//, '');
    if (target && zip.file(target)) return target;
  }
  return zip.file('xl/workbook.xml') ? 'xl/workbook.xml' : null;
}

/** The content type the package gives a part. */
export async function contentTypeOf(zip: JSZip, part: string): Promise<string | undefined> {
  const types = await zip.file('[Content_Types].xml')?.async('string');
  if (!types) return undefined;
  for (const override of elements(types, 'Override')) {
    const attrs = attributes(override.open);
    if (attrs.get('PartName')?.replace(/^\//, '').toLowerCase() === part.toLowerCase()) return attrs.get('ContentType');
  }
  const extension = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
  for (const fallback of elements(types, 'Default')) {
    const attrs = attributes(fallback.open);
    if (attrs.get('Extension')?.toLowerCase() === extension) return attrs.get('ContentType');
  }
  return undefined;
}

/**
 * Opens a file's bytes as a workbook package.
 * @throws WorkbookFileError saying what the file is and what to do
 */
export async function openPackage(bytes: Uint8Array): Promise<XlsxPackage> {
  if (bytes.length === 0) throw new WorkbookFileError(MESSAGES.empty);
  if (startsWith(bytes, OLE_MAGIC)) {
    const encrypted = hasUtf16Name(bytes, 'EncryptionInfo') || hasUtf16Name(bytes, 'EncryptedPackage');
    throw new WorkbookFileError(encrypted ? MESSAGES.encrypted : MESSAGES.ole);
  }
  if (!startsWith(bytes, [0x50, 0x4b])) throw new WorkbookFileError(describeNonZip(bytes));
  const { names } = centralDirectory(bytes);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (cause) {
    throw new WorkbookFileError(MESSAGES.damaged, { cause });
  }
  try {
    const workbookPart = await findWorkbookPart(zip);
    if (!workbookPart || !zip.file('[Content_Types].xml')) {
      const mimetype = names.includes('mimetype') ? (await zip.file('mimetype')!.async('string')).trim() : '';
      if (mimetype.startsWith('application/vnd.oasis.opendocument')) throw new WorkbookFileError(MESSAGES.ods);
      if (names.some((n) => n.startsWith('word/'))) throw new WorkbookFileError(MESSAGES.word);
      if (names.some((n) => n.startsWith('ppt/'))) throw new WorkbookFileError(MESSAGES.powerpoint);
      throw new WorkbookFileError(MESSAGES.noWorkbook);
    }
    const type = (await contentTypeOf(zip, workbookPart)) ?? '';
    return { bytes, zip, workbookPart, macroEnabled: /macroEnabled/i.test(type) };
  } catch (error) {
    if (error instanceof WorkbookFileError) throw error;
    throw new WorkbookFileError(MESSAGES.damaged, { cause: error });
  }
}
