"""The guide's core: load, validate and render the data in data/.

Plain Python with no MkDocs import, so maintainers, CI and the MkDocs hooks
all run the same code (`python -m exitguide check`).
"""
