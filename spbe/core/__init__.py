"""What every app shares, importing no app: numbers and levels as text, the one Indonesian
number parser, form-error helpers, and the API's base view, permission base, params, parsers
and error shape. Anything that needs a model belongs to the app that owns the model."""
