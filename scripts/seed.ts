/**
 * `npm run seed`: replaces the local database with the sample shop (emulator/seed/shop.json); orders, carts
 * and addresses go with it. Stop the local cloud first: it holds the database open. The data folder is
 * SHOP_CLOUD_DATA or .cloud/, as for `npm run cloud`; `--keep` only seeds an empty database.
 */
import path from 'node:path';
import { LocalDatabase } from '../emulator/database';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.SHOP_CLOUD_DATA ?? path.join(root, '.cloud'));
  const seedFile = path.join(root, 'emulator', 'seed', 'shop.json');
  const keep = process.argv.includes('--keep');
  let database: LocalDatabase;
  try {
    database = await LocalDatabase.open({
      dataDir,
      reset: !keep,
      seedFile,
      collectionsFile: path.join(root, 'database', 'collections.json'),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      /lock|busy/i.test(message)
        ? `the local database in ${dataDir} is in use: stop the local cloud first`
        : message,
    );
    process.exit(1);
  }
  const counts = database.store
    .collectionNames()
    .map((name) => `${name} ${database.store.documents(name).size}`);
  database.close();
  console.log(`seeded ${path.relative(process.cwd(), dataDir) || '.'}: ${counts.join(', ')}`);
}

void main();
