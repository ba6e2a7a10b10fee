"""Start-up cost: an audit does not import SciPy or scikit-learn through NLTK."""

from __future__ import annotations

import json
import subprocess
import sys

_PROBE = """
import json, sys
from tosaudit.api import audit_text
audit_text("You may cancel at any time. Email help@example.com.")
loaded = sorted(n for n in ("scipy", "sklearn") if n in sys.modules)
import nltk.classify, sklearn  # still importable afterwards (training needs scikit-learn)
print(json.dumps({"loaded": loaded, "sklearn": sklearn.__name__}))
"""


def test_audit_does_not_import_scipy_or_sklearn() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"loaded": [], "sklearn": "sklearn"}
