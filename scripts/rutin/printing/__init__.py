"""Stage 5, print: PDFs of the built site and what printed pages share."""
