/**
 * `npm run deploy:database`: the collections, security rules and indexes of database/collections.json as
 * steps in the cloud console. Neither miniprogram-ci nor any other public WeChat CI API creates collections,
 * rules or indexes, so this command checks the file and prints what to click; it needs no network.
 */
import { parseFlags, requireShopConfig, runCommand, say, DeployError, relativeToCwd } from './cli';
import { collectionSteps, DATABASE_FILE, readDatabaseSpec } from './database-spec';

runCommand(async (argv) => {
  const flags = parseFlags(argv, ['--config', '--dry-run', '--verbose']);
  const config = requireShopConfig(flags);
  const spec = readDatabaseSpec();
  if (!spec.ok) {
    const name = relativeToCwd(DATABASE_FILE);
    throw new DeployError(
      `${name}: ${spec.errors.length} problem(s)`,
      spec.errors.map((error) => `${name}: ${error}`),
    );
  }
  const indexes = spec.collections.reduce((total, collection) => total + collection.indexes.length, 0);
  say(`Database of cloud environment ${config.envId} (AppID ${config.appid}):`);
  say(`${spec.collections.length} collections, ${indexes} indexes, every security rule closed to clients.`);
  say('');
  say('In the cloud console (WeChat DevTools → 云开发, or tcb.cloud.tencent.com), environment');
  say(`${config.envId} → 数据库, for each collection:`);
  spec.collections.forEach((collection, index) => {
    say('');
    for (const line of collectionSteps(collection, index + 1)) say(line);
  });
  say('');
  say('Creating an index on a large collection takes a while; the shop works without them, only slower and');
  say('with queries that may fail once a collection outgrows a scan. Add them before opening the shop.');
  say(
    `✓ ${relativeToCwd(DATABASE_FILE)} checked against collections.ts (no network step: WeChat has no API for this)`,
  );
});
