// The sample books (`node fixtures.js`): the fixture hook Job runs it on every deploy, and it
// loads them only into an empty table.
import { pool } from './db.js';

const FIXTURES = [
  ['Мастер и Маргарита', 'Михаил Булгаков'],
  ['Пикник на обочине', 'Аркадий и Борис Стругацкие'],
  ['Двенадцать стульев', 'Илья Ильф и Евгений Петров'],
];

const { rowCount } = await pool.query('SELECT 1 FROM books LIMIT 1');
if (rowCount > 0) {
  console.log('fixtures: the table has books already, nothing loaded');
} else {
  for (const [title, author] of FIXTURES) {
    await pool.query('INSERT INTO books (title, author) VALUES ($1, $2)', [title, author]);
  }
  console.log(`fixtures: ${FIXTURES.length} books`);
}
await pool.end();
