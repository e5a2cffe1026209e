// [<snippet webpack-config>]
// webpack builds one bundle from src/index.js into << assets.output_dir >>/<< assets.bundle >>; `npm run build` passes --mode production.
const path = require('node:path');

module.exports = {
  entry: './src/index.js',
  output: {
    path: path.resolve(__dirname, '<< assets.output_dir >>'),
    filename: '<< assets.bundle >>',
    clean: true,
  },
};
// [<endsnippet webpack-config>]
