// ESLint's flat config: the rules ESLint recommends, for Node.js code written as ES modules.
import js from '@eslint/js';
import globals from 'globals';

export default [
  // the front-end project has its own package.json and its own build
  { ignores: ['assets/'] },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
  },
];
