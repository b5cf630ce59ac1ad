"""The coverage-guided fuzz harness of gkparse (see ``fuzz/README.md``)."""
