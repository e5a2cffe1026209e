"""Unit test of the app through Flask's test client: no server and no network needed."""
from app import app


def test_root_says_hello():
    client = app.test_client()
    response = client.get("/")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "hello world"
