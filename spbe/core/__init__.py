"""What every app shares and imports no app (DESIGN.md): table exports, for now."""
