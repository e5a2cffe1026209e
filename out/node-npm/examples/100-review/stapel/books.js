// Books kept in PostgreSQL: the table comes from migrations/, the first rows from fixtures.js.
import { Router } from 'express';
import { pool } from './db.js';

export const books = Router();

books.get('/books', async (req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT title, author FROM books ORDER BY title');
    res.type('text/plain').send(rows.map((book) => `${book.title} — ${book.author}\n`).join(''));
  } catch (error) {
    next(error);
  }
});
