"""The store behind the use cases: open and close, watch, seal, retry, check and keep.

Use cases in `qa_audit.services` call these; the GUI reaches the store only through
`workspace`.
"""
