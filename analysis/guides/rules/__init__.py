"""The checks, one module per family of rule. Each per-guide rule is `check(guide, index, out)`."""
