<< inherited >>

// [<snippet jobs-route>]
// This chapter's route: jobs for the worker through a Redis list (jobs.js).
import { jobs } from './jobs.js';

app.use(jobs);
// [<endsnippet jobs-route>]
