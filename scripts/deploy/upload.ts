/** `npm run upload`: builds, checks offline and uploads the mini program as a development version (robot from the configuration). */
import { runRelease } from './weapp-release';

runRelease('upload');
