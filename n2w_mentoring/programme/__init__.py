"""The programme's knowledge in plain Python.

Nothing in this package imports frappe: the rules take plain values and return problems, so they
are fast to test and easy to read. DocType controllers turn problems into translated errors.
"""
