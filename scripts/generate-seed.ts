/**
 * Writes the seed shop: emulator/seed/shop.json ({ collection: documents[] }, loaded into an empty local
 * cloud and by deploy) and its pictures under emulator/seed/images/ (served at /assets/).
 * Deterministic; run after editing scripts/seed-data/: `npx tsx scripts/generate-seed.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { buildSeed } from './seed-data/build-seed';

const seedDir = path.resolve(__dirname, '..', 'emulator', 'seed');
const imagesDir = path.join(seedDir, 'images');

async function main(): Promise<void> {
  const { shop, files } = buildSeed();

  // Generated pictures only: a product removed from the catalog must not leave its pictures behind.
  for (const folder of ['products', 'categories', 'banners']) {
    fs.rmSync(path.join(imagesDir, folder), { recursive: true, force: true });
    fs.mkdirSync(path.join(imagesDir, folder), { recursive: true });
  }
  for (const file of files) fs.writeFileSync(path.join(imagesDir, file.path), file.content);

  // Formatted as the repository's prettier would, so `npm run lint` passes on the generated file.
  const target = path.join(seedDir, 'shop.json');
  const options = (await prettier.resolveConfig(target)) ?? {};
  fs.writeFileSync(target, await prettier.format(JSON.stringify(shop), { ...options, filepath: target }));

  const sizes = files.map((f) => Buffer.byteLength(f.content));
  console.log(
    `seed: ${shop.categories.length} categories, ${shop.products.length} products, ${shop.skus.length} SKUs, ` +
      `${shop.coupon_templates.length} coupon templates, ${files.length} pictures (largest ${Math.max(...sizes)} bytes)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
