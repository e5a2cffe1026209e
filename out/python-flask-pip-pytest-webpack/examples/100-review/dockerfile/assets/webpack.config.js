// webpack builds one bundle from src/index.js into dist/main.js; `npm run build` passes --mode production.
const path = require('node:path');

module.exports = {
  entry: './src/index.js',
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: 'main.js',
    clean: true,
  },
};
