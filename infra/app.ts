// CDK entry point (cdk.json → `npx tsx infra/app.ts`): builds the stack for the CLI's account and region.
import { buildApp, bundleSizes } from './buildApp.js';

const region = process.env.CDK_DEFAULT_REGION;
const account = process.env.CDK_DEFAULT_ACCOUNT;
const { app, stack } = buildApp({
  ...(region !== undefined && { env: { region, ...(account !== undefined && { account }) } }),
});
app.synth();

for (const { handler, bytes } of bundleSizes(stack)) {
  process.stderr.write(`函数包 ${handler.padEnd(14)} ${(bytes / 1024).toFixed(1).padStart(7)} KB\n`);
}
