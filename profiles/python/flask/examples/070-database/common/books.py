"""Books kept in PostgreSQL: the model, the database settings, the fixtures and the route."""
import os

import click
from flask import Blueprint
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.engine import URL

db = SQLAlchemy()
migrate = Migrate()
books = Blueprint("books", __name__)


# [<snippet model>]
class Book(db.Model):
    __tablename__ = "books"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False, unique=True)
    author = db.Column(db.String(200), nullable=False)
# [<endsnippet model>]


# [<snippet db-settings>]
def database_url():
    """The address of the database from libpq's own variables, which the chart sets."""
    return URL.create(
        "postgresql+psycopg2",
        host=os.environ.get("PGHOST", "localhost"),
        port=int(os.environ.get("PGPORT", "5432")),
        database=os.environ.get("PGDATABASE"),
        username=os.environ.get("PGUSER"),
        password=os.environ.get("PGPASSWORD"),
    ).render_as_string(hide_password=False)


def init_database(app):
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url()
    # a connection that died while idle (the database restarted) is replaced, not handed out
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}
    db.init_app(app)
    # `flask db …` commands: migrations live in migrations/, next to this file
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "migrations"))
    app.cli.add_command(load_fixtures)
# [<endsnippet db-settings>]


# [<snippet fixtures>]
FIXTURES = [
    ("Мастер и Маргарита", "Михаил Булгаков"),
    ("Пикник на обочине", "Аркадий и Борис Стругацкие"),
    ("Двенадцать стульев", "Илья Ильф и Евгений Петров"),
]


@click.command("load-fixtures")
def load_fixtures():
    """Puts the sample books into an empty table (`flask load-fixtures`); else does nothing."""
    if db.session.execute(db.select(Book).limit(1)).first() is not None:
        click.echo("fixtures: the table has books already, nothing loaded")
        return
    db.session.add_all(Book(title=title, author=author) for title, author in FIXTURES)
    db.session.commit()
    click.echo(f"fixtures: {len(FIXTURES)} books")
# [<endsnippet fixtures>]


# [<snippet books-route>]
@books.get("/books")
def list_books():
    rows = db.session.execute(db.select(Book).order_by(Book.title)).scalars()
    text = "".join(f"{book.title} — {book.author}\n" for book in rows)
    return text, 200, {"Content-Type": "text/plain; charset=utf-8"}
# [<endsnippet books-route>]
