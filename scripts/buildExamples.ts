/** Writes examples/花桥街镇-2015.xlsx and examples/模板.xlsx (`npm run examples`). */
import { mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type ExcelJS from 'exceljs';
import { buildExampleWorkbook } from './exampleWorkbook.js';
import { buildTemplateWorkbook } from './templateWorkbook.js';

const outDir = fileURLToPath(new URL('../examples/', import.meta.url));

async function write(fileName: string, workbook: ExcelJS.Workbook): Promise<void> {
  const path = `${outDir}${fileName}`;
  await workbook.xlsx.writeFile(path);
  const { size } = await stat(path);
  const rows = workbook.worksheets.reduce((sum, sheet) => sum + sheet.rowCount, 0);
  console.log(`已写入 examples/${fileName}：${workbook.worksheets.length} 张工作表，${rows} 行，${(size / 1024).toFixed(1)} KB`);
}

await mkdir(outDir, { recursive: true });
await write('花桥街镇-2015.xlsx', buildExampleWorkbook());
await write('模板.xlsx', buildTemplateWorkbook());
