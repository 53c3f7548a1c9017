"""Imported once by the forkserver of ``flows.parallel``: everything a transform worker needs,
with the gazetteer and the NER model already loaded, so every forked worker starts warm."""

from flows.parallel import _warm_up

_warm_up()
