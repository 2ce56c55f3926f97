#!/usr/bin/env bash
# Fetches the codebases scan.sh compiles from Maven Central: binary jars with their dependencies
# into WORK_DIR/lib, source jars into WORK_DIR/src. usage: fetch.sh WORK_DIR (run from this folder)
set -euo pipefail
work="$1"
mvn -B -q -f pom.xml dependency:copy-dependencies -DoutputDirectory="$work/lib"
mvn -B -q -f pom.xml dependency:copy-dependencies -Dclassifier=sources \
  -DincludeArtifactIds=tribuo-math,tribuo-classification-sgd,commons-math3,smile-math -DoutputDirectory="$work/src"
