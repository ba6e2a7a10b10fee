"""Training of the clause model (needs scikit-learn; the runtime never imports this package)."""
