<< inherited >>

// [<snippet counter-router>]
// This chapter's route: a visit counter in Redis (counter.js).
import { counter } from './counter.js';

app.use(counter);
// [<endsnippet counter-router>]
