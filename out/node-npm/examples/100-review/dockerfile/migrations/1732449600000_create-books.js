// The first migration (node-pg-migrate): the books table. `npx node-pg-migrate up` applies what
// the pgmigrations table does not list yet, so running it again changes nothing.
export const up = (pgm) => {
  pgm.createTable('books', {
    id: 'id',
    title: { type: 'varchar(200)', notNull: true, unique: true },
    author: { type: 'varchar(200)', notNull: true },
  });
};

export const down = (pgm) => {
  pgm.dropTable('books');
};
