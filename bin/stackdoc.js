#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error('stackdoc: dist/ is missing; run `npm ci` (or `npm run build`) in the stackdoc folder');
    process.exit(2);
  }
  throw error;
});
