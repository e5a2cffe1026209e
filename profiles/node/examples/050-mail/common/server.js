<< inherited >>

// [<snippet mail-router>]
// This chapter's route: mail through the provider's API (mail.js).
import { mail } from './mail.js';

app.use(mail);
// [<endsnippet mail-router>]
