/** `npm run preview`: builds, checks offline and sends a preview, saving its QR code to dist/preview-qrcode.jpg. */
import { runRelease } from './weapp-release';

runRelease('preview');
