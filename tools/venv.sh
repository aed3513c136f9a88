#!/bin/sh
# Create (or recreate) .venv and install sitroom into it, editable; `sh tools/venv.sh test`
# adds the test extras. Used by both commands at the top of the README and by .ci/run.
#
# The interpreter: $PYTHON when set; otherwise the distribution's CPython (/usr/bin/python3)
# when it is 3.11 or later and can build virtual environments and C extensions, since
# distribution builds are compiled with profile-guided and link-time optimisation and run
# the pipeline ~12% faster than a default source build (pyenv's, for one: measured with
# bench/bench_extract.py on the development machine); otherwise python3 from PATH.
set -eu
cd "$(dirname "$0")/.."

usable() {
    "$1" -c 'import os, sys, sysconfig, ensurepip, venv
include = sysconfig.get_paths()["include"]
sys.exit(sys.version_info < (3, 11) or not os.path.exists(os.path.join(include, "Python.h")))' \
        2>/dev/null
}

if [ -n "${PYTHON:-}" ]; then
    py=$PYTHON
elif [ -x /usr/bin/python3 ] && usable /usr/bin/python3; then
    py=/usr/bin/python3
else
    py=python3
fi

extras=""
if [ "${1:-}" = "test" ]; then
    extras="[test]"
fi
echo "tools/venv.sh: $("$py" -c 'import sys; print(sys.executable, sys.version.split()[0])')" >&2
"$py" -m venv --clear .venv
.venv/bin/pip install -q -e ".$extras"
