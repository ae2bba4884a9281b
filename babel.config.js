// Babel preset of Taro: compiles the React + TypeScript pages for every platform.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
