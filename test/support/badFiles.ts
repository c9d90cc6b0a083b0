/**
 * Files that are not .xlsx workbooks, each with the message SPEC §8 wants for it: an .xls/.et
 * (OLE compound file), an encrypted .xlsx (OLE with EncryptionInfo), an .ods, a .csv, a damaged
 * zip, zip bombs by size and by part count, and a zip without a workbook.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { MAX_PARTS, MAX_UNCOMPRESSED_BYTES, MESSAGES } from '../../functions/src/workbook/openPackage.js';

export interface BadFile {
  name: string;
  /** What the user must read. */
  message: string;
}

/** An OLE compound file's header and one directory sector naming the given streams (UTF-16LE). */
function oleFile(streams: readonly string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    directory.write(name, i * 128, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, i * 128 + 64);
  });
  return Buffer.concat([header, directory]);
}

/** A little-endian record of `size` bytes with the given [offset, width, value] fields. */
function record(size: number, fields: readonly [number, 2 | 4, number][]): Buffer {
  const bytes = Buffer.alloc(size);
  for (const [offset, width, value] of fields) {
    if (width === 2) bytes.writeUInt16LE(value, offset);
    else bytes.writeUInt32LE(value, offset);
  }
  return bytes;
}

/** A zip written by hand: local headers, data, central directory (the sizes as declared). */
function rawZip(entries: readonly { name: string; data: Buffer; size: number; method: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const sizes: [number, 2 | 4, number][] = [[0, 4, e.data.length], [4, 4, e.size], [8, 2, name.length]];
    const at = (base: number) => sizes.map(([o, w, v]): [number, 2 | 4, number] => [base + o, w, v]);
    locals.push(record(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, e.method], ...at(18)]), name, e.data);
    central.push(record(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, e.method], ...at(20), [42, 4, offset]]), name);
    offset += 30 + name.length + e.data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = record(22, [[0, 4, 0x06054b50], [8, 2, entries.length], [10, 2, entries.length], [12, 4, cdBytes.length], [16, 4, offset]]);
  return Buffer.concat([...locals, cdBytes, end]);
}

/** Writes every bad file into `dir`; `example` is a valid .xlsx whose front half makes the damaged one. */
export async function writeBadFiles(dir: string, example: string): Promise<BadFile[]> {
  const chunk = 64 * 1024 * 1024;
  const zeros = deflateRawSync(Buffer.alloc(chunk));
  const bombParts = Math.ceil(MAX_UNCOMPRESSED_BYTES / chunk) + 1;
  const ods = new JSZip();
  ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  ods.file('content.xml', '<office:document-content/>');
  const notWorkbook = new JSZip();
  notWorkbook.file('说明.txt', '这是一个普通压缩包');
  const whole = await readFile(example);
  const files: (BadFile & { bytes: Uint8Array })[] = [
    { name: '旧格式.xls', bytes: oleFile(['Workbook', 'SummaryInformation']), message: MESSAGES.ole },
    { name: 'WPS表格.et', bytes: oleFile(['Workbook']), message: MESSAGES.ole },
    { name: '加密.xlsx', bytes: oleFile(['EncryptionInfo', 'EncryptedPackage']), message: MESSAGES.encrypted },
    { name: '开放格式.ods', bytes: await ods.generateAsync({ type: 'uint8array' }), message: MESSAGES.ods },
    { name: '导出.csv', bytes: Buffer.from('村名,得分\n花桥街村,98\n'), message: MESSAGES.text },
    { name: '损坏.xlsx', bytes: whole.subarray(0, Math.floor(whole.length / 2)), message: MESSAGES.damaged },
    {
      name: '炸弹.xlsx',
      bytes: rawZip(Array.from({ length: bombParts }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: zeros, size: chunk, method: 8 }))),
      message: '压缩包解压后过大或部件过多',
    },
    {
      name: '部件过多.xlsx',
      bytes: rawZip(Array.from({ length: MAX_PARTS + 1 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.alloc(0), size: 0, method: 0 }))),
      message: '压缩包解压后过大或部件过多',
    },
    { name: '无工作簿.xlsx', bytes: await notWorkbook.generateAsync({ type: 'uint8array' }), message: MESSAGES.noWorkbook },
  ];
  for (const f of files) await writeFile(join(dir, f.name), f.bytes);
  return files.map(({ name, message }) => ({ name, message }));
}
