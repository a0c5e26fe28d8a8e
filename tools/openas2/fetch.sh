#!/usr/bin/env bash
# Fetches the OpenAS2 server (net.sf.openas2:openas2-server 2.10.1) and its dependencies from Maven Central into
# tools/openas2/lib (cached in ~/.m2). Tests and bench:as2 start it themselves, with a configuration per run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$here/lib/openas2-server-2.10.1.jar" ]; then
  echo "openas2: fetching server jars from Maven Central" >&2
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$here/lib" >&2
fi
echo "$here/lib"
