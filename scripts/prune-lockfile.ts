/**
 * `npm run lock:prune`, after any `npm install` that changed package-lock.json. npm records the optional
 * platform packages of native dependencies (@swc/core-*, @tarojs/binding-*) only as far as the registry it
 * installed from served them, yet lists all of them under their parent; `npm ci` then refuses the lock as out
 * of sync. This drops the optional entries the lock cannot resolve to the exact version asked for (other
 * platforms' binaries), which is what npm would have skipped on install anyway.
 */
import fs from 'node:fs';
import path from 'node:path';

interface LockPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

const file = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as { packages: Record<string, LockPackage> };
const packages = lock.packages;

/** Node's lookup: the nearest node_modules/<name> walking up from the package at `from`. */
function resolve(from: string, name: string): LockPackage | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return packages[candidate];
    if (!base) return undefined;
    const index = base.lastIndexOf('node_modules/');
    base = index <= 0 ? '' : base.slice(0, index).replace(/\/$/, '');
  }
}

let pruned = 0;
for (const [at, info] of Object.entries(packages)) {
  const optional = info.optionalDependencies;
  if (!optional) continue;
  for (const [name, spec] of Object.entries(optional)) {
    const target = resolve(at, name);
    const exact = /^\d/.test(spec);
    if (!target || (exact && target.version !== spec)) {
      delete optional[name];
      pruned += 1;
    }
  }
  if (Object.keys(optional).length === 0) delete info.optionalDependencies;
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${pruned} unresolvable optional entries dropped`);
