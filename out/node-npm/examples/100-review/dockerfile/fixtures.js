// The sample books of the first deploy (`node fixtures.js`): the post-install hook Job runs it.
import { pool } from './db.js';

const FIXTURES = [
  ['Мастер и Маргарита', 'Михаил Булгаков'],
  ['Пикник на обочине', 'Аркадий и Борис Стругацкие'],
  ['Двенадцать стульев', 'Илья Ильф и Евгений Петров'],
];

for (const [title, author] of FIXTURES) {
  await pool.query('INSERT INTO books (title, author) VALUES ($1, $2) ON CONFLICT (title) DO NOTHING', [title, author]);
}
console.log(`fixtures: ${FIXTURES.length} books`);
await pool.end();
