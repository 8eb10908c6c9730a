"""The transform stage: operators that hash, mask, encrypt, replace, redact or keep values."""
