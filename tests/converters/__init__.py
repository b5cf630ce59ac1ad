"""Converter fixtures: build reports as Word, PDF and web pages, run real converters, score gkparse."""
