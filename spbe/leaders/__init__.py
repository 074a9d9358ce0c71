"""What leaders read: the pimpinan's one-screen brief (figure against target, the causes in
words, the lagging SKPD, what changed). Reads only: it imports evaluations, reports,
planning and audit selectors, and nothing imports it but the page shell."""
