"""EHCP QA Audit: quality assurance of Education, Health and Care plans."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("qa-audit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"

APP_NAME = "EHCP QA Audit"
APP_ID = "qa-audit"
