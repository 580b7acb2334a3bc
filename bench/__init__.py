"""The benchmark of the guide: `make bench` runs `python -m bench` (bench/__main__.py), one module per figure.
bench/README.md explains each figure and its target."""
