/**
 * `npm run deploy:plan`: prints the deployment plan as JSON, from the repository alone (no configuration,
 * no network): `{ functions: [...], collections: [...] }`. See scripts/deploy/deploy-plan.ts.
 */
import { parseFlags, runCommand } from './cli';
import { deployPlan } from './deploy-plan';

runCommand(async (argv) => {
  parseFlags(argv, ['--verbose']);
  process.stdout.write(`${JSON.stringify(await deployPlan(), null, 2)}\n`);
});
