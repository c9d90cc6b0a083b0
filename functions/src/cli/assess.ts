/** Entry point of `npm run assess -- <workbook.xlsx> [--month YYYY-MM] [--out result.xlsx] [--json result.json]`. */
import { runAssess } from './runAssess.js';

process.exitCode = await runAssess(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
