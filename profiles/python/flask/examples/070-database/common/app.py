<< inherited >>

# [<snippet books-blueprint>]
# This chapter's database: the model, its migrations and fixtures, the /books route (books.py).
from books import books, init_database  # noqa: E402  (kept next to what it adds to the app)

init_database(app)
app.register_blueprint(books)
# [<endsnippet books-blueprint>]
