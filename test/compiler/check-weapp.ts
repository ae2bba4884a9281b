/** Command line of the WeChat compiler checks: `tsx test/compiler/check-weapp.ts [dir]` (default dist/weapp). */
import path from 'node:path';
import { checkWeapp, WEAPP_DIR } from './weapp-checks';

const root = path.resolve(__dirname, '..', '..');
const dir = process.argv[2] ? path.resolve(process.argv[2]) : WEAPP_DIR;
checkWeapp(dir)
  .then((problems) => {
    for (const problem of problems) console.error(`✗ ${problem}`);
    console.log(problems.length === 0 ? `WeChat compiler: ${path.relative(root, dir)} is valid` : '');
    console.log(
      `compiler checks: ${problems.length === 0 ? 1 : 0} passed, ${problems.length === 0 ? 0 : 1} failed`,
    );
    process.exit(problems.length === 0 ? 0 : 1);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
