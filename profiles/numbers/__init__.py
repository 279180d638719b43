"""Numbers: indicators as time series (figures), their catalogue of labels and units, the source policy that
governs them, and results beside targets (verdicts computed, never typed). Light on purpose: the models import
`catalogue` and `model`; the charts live in their own stage (`profiles/charts/`)."""
