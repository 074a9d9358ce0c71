"""Neutral document rendering: HTML → PDF (WeasyPrint), DOCX templates (docxtpl) and
Indonesian dates and numbers in words (num2words, Babel).

Imports no app of the project: reports, budget (the Surat Edaran) and any later output use
the same helpers with the same signatures. Everything renders offline: no font, image or
stylesheet is ever fetched from the network.
"""
