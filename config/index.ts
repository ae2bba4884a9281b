/** Taro build configuration shared by the weapp and H5 builds. */
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const sharedSource = [
  path.resolve(__dirname, '..', 'types'),
  path.resolve(__dirname, '..', 'cloudfunctions', 'common', 'domain'),
];

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'taro-cloud-shop',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [path.resolve(__dirname, 'project-config-plugin.ts')],
    alias: {
      '@shop/types': path.resolve(__dirname, '..', 'types'),
      // Pure rules the pages share with the functions (the SKU picker, money): one implementation.
      '@shop/domain': path.resolve(__dirname, '..', 'cloudfunctions', 'common', 'domain'),
    },
    defineConstants: {
      'process.env.SHOP_CLOUD_URL': JSON.stringify(process.env.SHOP_CLOUD_URL ?? ''),
      'process.env.SHOP_CLOUD_ENV': JSON.stringify(process.env.SHOP_CLOUD_ENV ?? ''),
      // weapp: the host serving product images that are not cloud:// file IDs yet (e.g. the local cloud on the LAN).
      'process.env.SHOP_ASSETS_URL': JSON.stringify(process.env.SHOP_ASSETS_URL ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: sharedSource },
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: sharedSource },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
