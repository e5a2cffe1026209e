<< inherited >>

// [<snippet files-router>]
// This chapter's routes: uploads and downloads through S3 (files.js). ES module imports are
// hoisted, and app.use() runs before the first request is read, so the routes are in place.
import { files } from './files.js';

app.use(files);
// [<endsnippet files-router>]
