/** Code that exists only for the H5 build on the local cloud, found in a build's output (dist/weapp must have none). */
import fs from 'node:fs';
import path from 'node:path';

export function listFiles(dir: string, extension: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, extension);
    return entry.name.endsWith(extension) ? [full] : [];
  });
}

/**
 * What exists only for the H5 build on the local cloud: the test buyers (ids, names, the saved choice) and the
 * sandbox's payment sheet. None of it may reach a package uploaded to WeChat.
 */
export const LOCAL_ONLY_MARKERS: readonly string[] = [
  'test-buyer-',
  '测试买家',
  'shop.testUser',
  'sandbox-pay-sheet',
  '/_/paysandbox',
  'x-wx-openid',
];

/** The marker as minifiers may write it in JS: non-ASCII characters as \uXXXX escapes. */
function escapedForm(marker: string): string {
  return [...marker]
    .map((char) => {
      const code = char.charCodeAt(0);
      return code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : char;
    })
    .join('');
}

/** Every file of the build that names a local-only marker, as "file: marker". */
export function findLocalOnlyCode(dir: string, markers: readonly string[] = LOCAL_ONLY_MARKERS): string[] {
  const problems: string[] = [];
  for (const extension of ['.js', '.json', '.wxml', '.wxss', '.wxs']) {
    for (const file of listFiles(dir, extension)) {
      const text = fs.readFileSync(file, 'utf8');
      const lowered = text.toLowerCase();
      for (const marker of markers) {
        const forms = [marker, escapedForm(marker)];
        if (forms.some((form) => text.includes(form) || lowered.includes(form.toLowerCase()))) {
          problems.push(`local-only code in ${path.relative(dir, file)}: "${marker}"`);
        }
      }
    }
  }
  return problems;
}
