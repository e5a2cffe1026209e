// The connection pool to PostgreSQL. node-postgres reads libpq's own variables, which the chart
// sets from the postgresql subchart's values: PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD.
import pg from 'pg';

export const pool = new pg.Pool({ max: 5, connectionTimeoutMillis: 5000 });
// an idle connection that broke (the database restarted) is dropped, not fatal for the app
pool.on('error', (error) => console.error(`database connection lost: ${error.message}`));
