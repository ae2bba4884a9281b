/** Where a chosen avatar is stored: under avatars/ (the only folder profile.update accepts), a fresh name each time. */

/** The picture's extension when the chosen file has a plain one (png, jpg, jpeg, webp, gif), else png. */
function extensionOf(filePath: string): string {
  const match = /\.(png|jpe?g|webp|gif)(?:[?#].*)?$/i.exec(filePath);
  return match ? match[1].toLowerCase() : 'png';
}

/** avatars/<time>-<random>.<ext>: only letters, digits, '-' and '.', as the server's check requires. */
export function avatarCloudPath(filePath: string, now: number, random: number): string {
  const suffix = Math.floor(random * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `avatars/${now.toString(36)}-${suffix}.${extensionOf(filePath)}`;
}
