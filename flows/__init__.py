"""Prefect flows, tasks and the CLI of khabar."""

import os

# Set before numpy loads (the forkserver of the transform workers inherits it). Every core
# already runs a transform worker; BLAS threads for the NER model's matrix products would
# only fight the other workers for the cores (and spin while they wait).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
