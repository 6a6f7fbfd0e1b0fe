"""Run inside the bare root by test-wheel.sh: DCN from the installed wheel, with no engine but the bundled one."""

import os
import shutil

import numpy as np

import dcn_report
from dcn_report import DCN
from dcn_report._engine import BUNDLED_BINARY, engine_binary

# Nothing else to fall back on: no DCN_REPORT_BIN, no dcn-report on PATH.
assert "DCN_REPORT_BIN" not in os.environ and shutil.which("dcn-report") is None
assert engine_binary() == str(BUNDLED_BINARY), engine_binary()

rng = np.random.default_rng(0)
centres = rng.normal(scale=6, size=(3, 5))
X = np.concatenate([centre + rng.normal(scale=0.5, size=(40, 5)) for centre in centres])
model = DCN(n_clusters=3, hidden=(16,), latent_dim=2, pretrain_epochs=3, epochs=3, batch_size=32, random_state=0).fit(X)
assert model.labels_.shape == (120,), model.labels_.shape
assert model.cluster_centers_.shape == (3, 2), model.cluster_centers_.shape
predicted = model.predict(X[:10])
assert predicted.shape == (10,) and set(predicted) <= {0, 1, 2}, predicted
# The report renders too (the templates and fonts inside the package).
index = model.report()
assert os.path.isfile(index), index
print(f"dcn_report {dcn_report.__version__}: DCN fit, labels_ {model.labels_.shape}, predict {predicted.shape}, report {index}")
