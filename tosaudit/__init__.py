"""tosaudit: a Terms-of-Service and policy plain-language auditor."""

__version__ = "0.1.0"
