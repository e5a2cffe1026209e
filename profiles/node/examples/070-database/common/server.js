<< inherited >>

// [<snippet books-router>]
// This chapter's route: books from PostgreSQL (books.js).
import { books } from './books.js';

app.use(books);
// [<endsnippet books-router>]
