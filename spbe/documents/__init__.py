"""Document rendering shared by the apps that produce PDF/DOCX files. Imports no app of the
project: callers pass HTML, templates and contexts in, and get bytes back."""
