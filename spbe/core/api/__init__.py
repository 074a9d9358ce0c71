"""The API building blocks every app's `apis.py` uses (spbe.api keeps the REST root only)."""
