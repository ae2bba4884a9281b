/**
 * `npm run deploy:database`: creates the collections of database/collections.json that are missing, their
 * missing indexes, and sets each security rule, through CloudBase's management API. `--dry-run` checks the
 * file, the configuration and the API key and prints what would be applied.
 */
import { parseFlags, relativeToCwd, requireShopConfig, runCommand, say } from './cli';
import { connectCloudBase, resolveApiKeyPair } from './cloudbase';
import { deployCollection } from './cloudbase-database';
import { DATABASE_FILE, describeIndex } from './database-spec';
import { collectionPlans } from './deploy-plan';

runCommand(async (argv) => {
  const flags = parseFlags(argv, ['--config', '--dry-run', '--verbose']);
  const config = requireShopConfig(flags);
  const keys = resolveApiKeyPair(config);
  const collections = collectionPlans();
  const indexes = collections.reduce((total, collection) => total + collection.indexes.length, 0);
  say(`Database of cloud environment ${config.envId} (${config.region}, AppID ${config.appid}):`);
  say(
    `${collections.length} collections, ${indexes} indexes, from ${relativeToCwd(DATABASE_FILE)} (checked against collections.ts)`,
  );
  for (const collection of collections) {
    say(`  ${collection.name.padEnd(18)} rule ${JSON.stringify(collection.rules)}`);
    for (const index of collection.indexes) say(`      index ${describeIndex(index)}`);
  }
  if (flags.dryRun) {
    say('✓ dry run: stopped before the management API');
    return;
  }
  const manager = await connectCloudBase(config, keys, flags.verbose);
  const unknown: string[] = [];
  for (const collection of collections) {
    const outcome = await deployCollection(manager, collection, config.envId);
    const indexesNote =
      outcome.indexesCreated.length > 0 ? `, indexes created: ${outcome.indexesCreated.join(', ')}` : '';
    say(`✓ ${outcome.name}: ${outcome.created ? 'created' : 'exists'}${indexesNote}, rule set`);
    unknown.push(...outcome.indexesUnknown.map((index) => `${outcome.name}.${index}`));
  }
  if (unknown.length > 0) {
    say(
      `! indexes in the cloud that collections.json does not name (drop them by hand once unused): ${unknown.join(', ')}`,
    );
  }
  say(`✓ ${collections.length} collections ready in ${config.envId}`);
});
