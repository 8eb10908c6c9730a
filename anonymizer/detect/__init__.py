"""The detect stage: Presidio plus chat recognizers, producing findings."""
