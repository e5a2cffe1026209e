// Waits until PostgreSQL accepts connections: the init container of the migration and fixture Jobs.
import pg from 'pg';

const ATTEMPTS = 60;
for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
  // no settings: the client reads PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD itself
  const client = new pg.Client({ connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    console.log(`the database accepts connections (attempt ${attempt})`);
    process.exit(0);
  } catch (error) {
    console.log(`waiting for the database (${attempt}/${ATTEMPTS}): ${error.message}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
console.error('the database did not come up');
process.exit(1);
